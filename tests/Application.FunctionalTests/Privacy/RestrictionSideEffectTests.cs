using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Billing;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Infrastructure.IntegrationTests.Channels;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Retention.Commands.PurgeExpiredData;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;
using static Application.FunctionalTests.Privacy.RestrictionTestSteps;

namespace Application.FunctionalTests.Privacy;

/// <summary>While restricted, nothing of the tenant's goes to an LLM: the fake provider records every request.</summary>
public sealed class RestrictionLlmTests(LlmApi api) : IClassFixture<LlmApi>
{
    [Fact]
    public async Task Nothing_reaches_the_llm_while_the_tenant_is_restricted_even_with_the_ai_consent()
    {
        using var owner = new SpaClient(api.App);
        await owner.RegisterVerifiedOwnerAsync("restrict-llm@example.uz", "+998901000810");
        var bot = await BotTestData.CreateBotAsync(owner, "LLM bot", "https://shop.example.uz");
        (await owner.Http.PostAsync("/api/privacy/consents/ai-data-sharing", null)).EnsureSuccessStatusCode();
        await RestrictAsync(owner);
        var requestsBefore = api.Llm.Requests.Count;
        using var visitor = api.App.CreateClient();
        visitor.DefaultRequestHeaders.Add("Origin", "https://shop.example.uz");
        visitor.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());

        await (await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/playground", new { question = "Qanday to‘lov usullari bor?" })).ShouldBeRestrictedAsync();
        var widget = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Qanday to‘lov usullari bor?" });

        (await widget.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.Reply.ShouldBeNull();
        api.Llm.Requests.Count.ShouldBe(requestsBefore);
    }
}

/// <summary>Renewals pause while restricted: the fake Paylov records every charge attempt.</summary>
public sealed class RestrictionRenewalTests : IAsyncLifetime
{
    private FakePaylovServer _paylov = null!;
    private PaylovHttpApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _paylov = await FakePaylovServer.StartAsync();
        _factory = new PaylovHttpApiFactory(_paylov);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _paylov.DisposeAsync();
    }

    [Fact]
    public async Task A_due_renewal_is_not_charged_while_restricted_and_is_charged_once_after_the_restriction_is_lifted()
    {
        using var owner = new SpaClient(_factory);
        await owner.RegisterVerifiedOwnerAsync("restrict-renewal@example.uz", "+998901000811");
        var started = await (await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" }))
            .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json);
        _paylov.EnterOtp(await _factory.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Select(c => c.PaylovSessionId).SingleAsync()), FakePaylovServer.OtpCode);
        (await owner.Http.PostAsync($"/api/billing/checkout/{started!.CheckoutId}/complete", null)).EnsureSuccessStatusCode();
        await RestrictAsync(owner);
        var paymentsBefore = _paylov.PaymentAttempts.Count;
        _factory.Time.Advance(TimeSpan.FromDays(32));

        var paused = await BillingTestSteps.RunBillingJobAsync(_factory);

        _paylov.PaymentAttempts.Count.ShouldBe(paymentsBefore);
        (paused.Restricted, paused.Renewed, paused.WithoutConsent).ShouldBe((1, 0, 0));
        var subscription = await _factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync());
        subscription.Status.ShouldBe(VirtuOps.Domain.Billing.SubscriptionStatus.Active, "paused, not ended or suspended");

        using var monthLater = new SpaClient(_factory);
        (await monthLater.SignInAsync("restrict-renewal@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        await LiftAsync(monthLater);
        var resumed = await BillingTestSteps.RunBillingJobAsync(_factory);

        resumed.Renewed.ShouldBe(1);
        _paylov.PaymentAttempts.Count.ShouldBe(paymentsBefore + 1);
    }
}

/// <summary>
/// The channels while restricted: nothing is sent to Telegram or Meta, not even a channel connection; customers'
/// webhooks are stored, left alone by the processor and the retention purge, and answered once after the lifting.
/// </summary>
public sealed class RestrictionChannelTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private FakeGraphServer _graph = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _graph = await FakeGraphServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        await _graph.DisposeAsync();
    }

    [Fact]
    public async Task An_answer_queued_before_the_restriction_is_not_sent_while_it_lasts_and_is_sent_once_after()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (owner, botId) = await app.OwnerWithBotAsync();
        using var _ = owner;
        var conversationId = await app.CustomerWroteAsync(botId, Channel.Telegram, "5012345678");
        await DeliveryApp.ReplyAsync(owner, conversationId, "Buyurtmangiz yo‘lda.");
        await RestrictAsync(owner);
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var pass = await app.DeliverOnceAsync();

        _telegram.Sent.ShouldBeEmpty();
        pass.NextDueAt.ShouldBeNull("a restricted tenant's message does not keep waking the worker");
        await (await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = FakeTelegramServer.BotToken })).ShouldBeRestrictedAsync();
        _telegram.Requests.ShouldBeEmpty("connecting a channel calls Telegram: refused before that");
        await (await owner.Http.PostAsJsonAsync($"/api/inbox/conversations/{conversationId}/replies", new { text = "Yana bir xabar" })).ShouldBeRestrictedAsync();

        await LiftAsync(owner);
        await app.DeliverDueAsync();

        _telegram.Sent.ShouldHaveSingleItem().Text.ShouldBe("Buyurtmangiz yo‘lda.");
    }

    [Fact]
    public async Task Webhooks_received_while_restricted_are_stored_kept_by_the_purge_and_answered_once_after_the_lifting()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (owner, botId) = await app.OwnerWithBotAsync();
        using var _ = owner;
        var telegram = await ConnectTelegramAsync(app, botId);
        var whatsApp = await ChannelTestData.ConnectAsync(app, botId, Channel.WhatsApp);
        await RestrictAsync(owner);

        (await app.PostTelegramAsync(telegram, ChannelTestData.TelegramText(1001, 5012345678, "Ish vaqtingiz qanday?"), ChannelTestData.TelegramSecret))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.PostFixtureAsync(Channel.WhatsApp, whatsApp, "whatsapp_text_message.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var whileRestricted = await app.ProcessInboxAsync();
        app.Time.Advance(TimeSpan.FromDays(400));
        await SendAsync(app, new PurgeExpiredDataCommand());
        await app.DeliverDueAsync();

        whileRestricted.Processed.ShouldBe(0);
        (await app.InboundEventsAsync()).Select(e => e.State).ShouldBe([InboundEventState.Pending, InboundEventState.Pending]);
        (await app.MessagesOfAsync(botId, Channel.Telegram)).ShouldBeEmpty();
        _telegram.Sent.ShouldBeEmpty();

        using var yearLater = new SpaClient(app);
        (await yearLater.SignInAsync("owner@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        await LiftAsync(yearLater);
        var afterLifting = await app.ProcessInboxAsync();
        var again = await app.ProcessInboxAsync();
        app.Time.Advance(TimeSpan.FromSeconds(1)); // an answer is due a moment after its question
        await app.DeliverDueAsync();

        (afterLifting.Processed, again.Processed).ShouldBe((2, 0));
        (await app.InboundEventsAsync()).ShouldAllBe(e => e.State == InboundEventState.Processed);
        (await app.MessagesOfAsync(botId, Channel.Telegram)).Count(m => m.Author == MessageAuthor.Bot).ShouldBe(1);
        (await app.MessagesOfAsync(botId, Channel.WhatsApp)).Count(m => m.Author == MessageAuthor.Bot).ShouldBe(1);
        var sent = _telegram.Sent.ShouldHaveSingleItem();
        (sent.ChatId, sent.Text).ShouldBe(("5012345678", "Har kuni 9:00 dan 21:00 gacha ishlaymiz."));
    }

    /// <summary>A Telegram connection with the fake's token (so the answer can be sent) and the fixtures' webhook secret.</summary>
    private static async Task<Guid> ConnectTelegramAsync(DeliveryApp app, Guid botId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var bot = await db.Bots.IgnoreQueryFilters().SingleAsync(b => b.Id == botId);
        var connection = ChannelConnection.Connect(bot, Channel.Telegram, FakeTelegramServer.BotId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Test", null,
            id => protector.ProtectCredentials(new ChannelCredentials(FakeTelegramServer.BotToken, WebhookSecret: ChannelTestData.TelegramSecret), id), app.Time.GetUtcNow());
        db.ChannelConnections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    private static async Task SendAsync<T>(DeliveryApp app, Mediator.ICommand<T> command)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(command);
    }
}

/// <summary>A new policy version in the configuration: every user is asked to accept it at their next sign-in.</summary>
public sealed class NewLegalVersionTests
{
    private sealed class App(string databasePath, string? privacyPolicyVersion) : VirtuOpsApiFactory(databasePath)
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            if (privacyPolicyVersion is not null)
                builder.UseSetting("Legal:PrivacyPolicyVersion", privacyPolicyVersion);
        }
    }

    [Fact]
    public async Task After_a_new_privacy_policy_version_is_configured_signing_in_reports_it_must_be_accepted_until_it_is()
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"virtuops-ft-{Guid.NewGuid():N}.db");
        await using (var before = new App(databasePath, privacyPolicyVersion: null) { KeepDatabase = true })
        {
            using var owner = new SpaClient(before);
            await owner.RegisterVerifiedOwnerAsync("new-version@example.uz", "+998901000812");
            (await MeAsync(owner)).DocumentsToAccept.ShouldBeEmpty();
        }

        await using var after = new App(databasePath, privacyPolicyVersion: "2027-01-15");
        using var returning = new SpaClient(after);
        (await returning.SignInAsync("new-version@example.uz", SpaClient.StrongPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var asked = await MeAsync(returning);
        asked.DocumentsToAccept.ShouldHaveSingleItem().ShouldBe(new VirtuOps.Application.Accounts.Common.LegalDocumentToAcceptDto(VirtuOps.Domain.Consents.ConsentKind.PrivacyPolicy, "2027-01-15"));
        asked.Restriction.ShouldBeNull("a new version asks; it does not restrict");

        (await returning.Http.PostAsync("/api/privacy/consents/PrivacyPolicy/accept", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MeAsync(returning)).DocumentsToAccept.ShouldBeEmpty();
        (await after.QueryDatabaseAsync(db => db.ConsentRecords.CountAsync(c => c.DocumentVersion == "2027-01-15"))).ShouldBe(1);
    }
}
