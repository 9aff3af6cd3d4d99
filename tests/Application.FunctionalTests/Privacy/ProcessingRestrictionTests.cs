using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Consents;
using static Application.FunctionalTests.Privacy.RestrictionTestSteps;

namespace Application.FunctionalTests.Privacy;

/// <summary>
/// The right to restrict processing (Privacy Policy, section 8): while restricted the tenant's data is kept and can be
/// read, but its people and API keys cannot change anything and its bots stay silent, until the owner lifts it.
/// </summary>
public sealed class ProcessingRestrictionTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private const string ShopOrigin = "https://shop.example.uz";

    private static async Task<string> WriteKeyAsync(SpaClient owner)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read", "Write" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!.Key;
    }

    [Fact]
    public async Task While_restricted_the_tenants_people_and_api_keys_can_read_but_every_write_is_refused_until_the_owner_lifts_it()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-writes@example.uz", "+998901000801");
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", await WriteKeyAsync(owner));

        var restricted = await RestrictAsync(owner);

        restricted.Restricted.ShouldBeTrue();
        restricted.OwnerRequested.ShouldBeTrue();
        restricted.Since.ShouldBe(factory.Time.GetUtcNow());
        (await MeAsync(owner)).Restriction.ShouldNotBeNull().OwnerRequested.ShouldBeTrue();
        await (await integrator.PutAsJsonAsync("/api/tenant", new { name = "Changed by the CRM" })).ShouldBeRestrictedAsync();
        (await integrator.GetAsync("/api/tenant")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "New bot" })).ShouldBeRestrictedAsync();
        await (await owner.Http.PutAsJsonAsync("/api/tenant", new { name = "Changed by the owner" })).ShouldBeRestrictedAsync();
        (await owner.Http.GetAsync("/api/bots")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.GetAsync("/api/privacy/consents")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var lifted = await LiftAsync(owner);

        lifted.Restricted.ShouldBeFalse();
        (await MeAsync(owner)).Restriction.ShouldBeNull();
        (await integrator.PutAsJsonAsync("/api/tenant", new { name = "Oila Market CRM" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Consents_privacy_requests_an_export_and_signing_out_and_in_keep_working_while_restricted()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-allowed@example.uz", "+998901000802");
        await RestrictAsync(owner);

        (await owner.Http.PostAsync("/api/privacy/consents/ai-data-sharing", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Http.PostAsync("/api/privacy/consents/AiDataSharing/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "Other", text = "Please tell me what you keep about me." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await owner.Http.PostAsync("/api/privacy/exports", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await owner.Http.PostAsync("/api/auth/sign-out", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.SignInAsync("restrict-allowed@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeAsync(owner)).Restriction.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_restricted_owner_can_still_ask_for_erasure()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-erase@example.uz", "+998901000808");
        await RestrictAsync(owner);

        (await owner.Http.PostAsJsonAsync("/api/privacy/erasure", new { password = SpaClient.StrongPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Only_the_owner_restricts_or_lifts()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-agent@example.uz", "+998901000803");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "restrict-agent-malika@example.uz");

        (await agent.Http.PostAsync("/api/privacy/restriction", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await RestrictAsync(owner);
        (await agent.Http.DeleteAsync("/api/privacy/restriction")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await MeAsync(agent)).Restriction.ShouldNotBeNull("the agent's app shows the banner too");
    }

    [Fact]
    public async Task A_restricted_tenants_widget_visitor_is_stored_gets_no_bot_reply_until_the_lifting_and_the_playground_refuses()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-widget@example.uz", "+998901000804");
        var bot = await BotTestData.CreateBotAsync(owner, "Widget bot", ShopOrigin);
        await RestrictAsync(owner);
        using var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("Origin", ShopOrigin);
        visitor.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());

        var sent = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Soat nechida ochilasiz?" });

        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sent.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.Reply.ShouldBeNull();
        var texts = await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.BotId == bot.Id)).Select(m => m.Text).ToListAsync());
        texts.ShouldBe(["Soat nechida ochilasiz?"], "the visitor's message is kept; the bot says nothing");
        await (await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/playground", new { question = "Soat nechida ochilasiz?" })).ShouldBeRestrictedAsync();

        await LiftAsync(owner);
        var afterLifting = await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.BotId == bot.Id)).OrderBy(m => m.SentAt).Select(m => m.Text).ToListAsync());
        afterLifting.ShouldBe(["Soat nechida ochilasiz?", "Har kuni 9:00 dan 21:00 gacha ishlaymiz."], "the question kept during the restriction is answered once it is lifted");
        var answered = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Soat nechida ochilasiz?" });
        (await answered.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.Reply.ShouldNotBeNull().Text.ShouldBe("Har kuni 9:00 dan 21:00 gacha ishlaymiz.");
    }

    [Fact]
    public async Task Withdrawing_the_privacy_policy_restricts_the_tenant_until_the_owner_accepts_it_again()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-withdraw@example.uz", "+998901000805");

        (await owner.Http.PostAsync("/api/privacy/consents/PrivacyPolicy/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var me = await MeAsync(owner);
        me.Restriction.ShouldNotBeNull().WithdrawnConsents.ShouldBe([ConsentKind.PrivacyPolicy]);
        me.Restriction.OwnerRequested.ShouldBeFalse();
        me.DocumentsToAccept.Select(d => d.Kind).ShouldBe([ConsentKind.PrivacyPolicy]);
        await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "New bot" })).ShouldBeRestrictedAsync();
        (await LiftAsync(owner)).Restricted.ShouldBeTrue("lifting the owner's own request does not undo a withdrawal");

        (await owner.Http.PostAsync("/api/privacy/consents/PrivacyPolicy/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        me = await MeAsync(owner);
        me.Restriction.ShouldBeNull();
        me.DocumentsToAccept.ShouldBeEmpty();
        (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "New bot" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var policy = (await owner.GetAsync<List<VirtuOps.Application.Consents.Queries.GetMyConsents.ConsentRecordDto>>("/api/privacy/consents"))!
            .Where(c => c.Kind == ConsentKind.PrivacyPolicy).Select(c => c.Action).ToList();
        policy.ShouldBe([ConsentAction.Granted, ConsentAction.Withdrawn, ConsentAction.Granted]);
    }

    [Fact]
    public async Task Withdrawing_the_public_offer_restricts_too_and_only_the_owner_accepts_it()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-offer@example.uz", "+998901000806");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "restrict-offer-agent@example.uz");

        (await owner.Http.PostAsync("/api/privacy/consents/PublicOffer/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await MeAsync(owner)).Restriction.ShouldNotBeNull().WithdrawnConsents.ShouldBe([ConsentKind.PublicOffer]);
        (await agent.Http.PostAsync("/api/privacy/consents/PublicOffer/accept", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Http.PostAsync("/api/privacy/consents/RecurringCharges/accept", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await owner.Http.PostAsync("/api/privacy/consents/PublicOffer/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MeAsync(agent)).Restriction.ShouldBeNull();
    }

    [Fact]
    public async Task An_invited_agent_accepts_the_privacy_policy_when_setting_the_password()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-invite@example.uz", "+998901000807");
        (await owner.Http.PostAsJsonAsync("/api/team/invitations", new { fullName = "Malika Nazarova", email = "invitee@example.uz" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var query = QueryHelpers.ParseQuery((await owner.LatestLinkToAsync("invitee@example.uz")).Query);
        using var agent = new SpaClient(factory);
        var userId = query["userId"].ToString();
        var token = query["token"].ToString();

        var unaccepted = await agent.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId, token, newPassword = "Agent-parol-2026" });
        unaccepted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unaccepted.Content.ReadAsStringAsync()).ShouldContain("acceptPrivacyPolicy");

        (await agent.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId, token, newPassword = "Agent-parol-2026", acceptPrivacyPolicy = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var consent = await factory.QueryDatabaseAsync(db => db.ConsentRecords.SingleAsync(c => c.UserId == Guid.Parse(userId)));
        (consent.Kind, consent.Action).ShouldBe((ConsentKind.PrivacyPolicy, ConsentAction.Granted));
        consent.TenantId.ShouldNotBeNull();
        (await agent.SignInAsync("invitee@example.uz", "Agent-parol-2026")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeAsync(agent)).DocumentsToAccept.ShouldBeEmpty();
    }
}
