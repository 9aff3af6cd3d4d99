using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Inbox.Queries.GetConversation;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Sessions.Queries.GetMySessions;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Incidents;

namespace Application.FunctionalTests.Accounts;

/// <summary>
/// Every endpoint that takes the id of a tenant's or user's resource is tried by another tenant with the first
/// tenant's id: each answers 404 (not 403, which would confirm the id exists) and changes nothing. The back-office's
/// paths answer 403 to every tenant user, whatever the id.
/// </summary>
public sealed class TenantIsolationTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task Another_tenant_gets_404_from_every_endpoint_that_takes_an_id_and_changes_nothing()
    {
        using var victim = new SpaClient(factory);
        await victim.RegisterVerifiedOwnerAsync("victim@example.uz", "+998901000040");
        var key = (await (await victim.Http.PostAsJsonAsync("/api/api-keys", new { name = "Victim CRM", scopes = new[] { "Read" } }))
            .Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!;
        var agentId = await (await victim.Http.PostAsJsonAsync("/api/team/invitations", new { fullName = "Victim Agent", email = "victim-agent@example.uz" }))
            .Content.ReadFromJsonAsync<Guid>();
        var sessionId = (await victim.GetAsync<List<SessionDto>>("/api/account/sessions"))!.Single().Id;
        var bot = await BotTestData.CreateBotAsync(victim, "Victim bot", "https://victim.example.uz");
        var entryId = (await victim.GetAsync<CursorPage<KnowledgeEntryDto>>($"/api/bots/{bot.Id}/knowledge"))!.Items[0].Id;
        // A closed port: the events queued for it never reach anyone.
        var hookId = JsonNode.Parse(await (await victim.Http.PostAsJsonAsync("/api/webhook-subscriptions",
            new { url = "http://127.0.0.1:9/victim-hook", events = new[] { "message.received" } })).Content.ReadAsStringAsync())!["subscription"]!["id"]!.GetValue<Guid>();
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://victim.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var conversationId = (await (await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;

        var victimConversation = (await victim.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!;
        var messageId = victimConversation.Messages[0].Id;
        var contactId = victimConversation.Conversation.ContactId;
        var exportId = JsonNode.Parse(await (await victim.Http.PostAsync("/api/privacy/exports", null)).Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        var channelId = await ChannelTestData.ConnectAsync(factory, bot.Id, Channel.Telegram);
        var hookDeliveryId = await factory.QueryDatabaseAsync(db => db.WebhookDeliveries.IgnoreQueryFilters().Where(d => d.SubscriptionId == hookId)
            .Select(d => d.Id).FirstAsync());

        var checkoutId = (await (await victim.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" }))
            .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json))!.CheckoutId;

        // A security incident notice to the victim, as notifying an incident leaves it.
        var victimTenant = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "victim@example.uz").Select(u => u.TenantId!.Value).SingleAsync());
        var incident = Incident.Record("Isolation incident", "Backups were exposed.", factory.Time.GetUtcNow().AddHours(-1), IncidentDataCategories.Messages,
            false, [victimTenant], factory.Time.GetUtcNow());
        var notice = IncidentNotice.For(incident.Id, victimTenant);
        await factory.QueryDatabaseAsync(db =>
        {
            db.Incidents.Add(incident);
            db.IncidentNotices.Add(notice);
            return db.SaveChangesAsync();
        });

        // Which of the victim's ids each templated path takes. A new path with {id} must be added here.
        var victimIds = new Dictionary<string, Guid>
        {
            ["/api/api-keys/{id}"] = key.Id,
            ["/api/team/members/{id}"] = agentId,
            ["/api/account/sessions/{id}"] = sessionId,
            ["/api/bots/{id}"] = bot.Id,
            ["/api/bots/{id}/pause"] = bot.Id,
            ["/api/bots/{id}/resume"] = bot.Id,
            ["/api/bots/{id}/knowledge"] = bot.Id,
            ["/api/bots/{id}/knowledge/import"] = bot.Id,
            ["/api/bots/{id}/knowledge/export"] = bot.Id,
            ["/api/bots/{id}/playground"] = bot.Id,
            ["/api/knowledge/{id}"] = entryId,
            ["/api/inbox/conversations/{id}"] = conversationId,
            ["/api/inbox/conversations/{id}/replies"] = conversationId,
            ["/api/inbox/conversations/{id}/hand-back"] = conversationId,
            ["/api/inbox/conversations/{id}/close"] = conversationId,
            ["/api/inbox/conversations/{id}/reopen"] = conversationId,
            ["/api/inbox/conversations/{id}/read"] = conversationId,
            ["/api/inbox/messages/{id}/retry"] = messageId,
            ["/api/billing/checkout/{id}/complete"] = checkoutId,
            ["/api/bots/{id}/channels"] = bot.Id,
            ["/api/bots/{id}/channels/telegram"] = bot.Id,
            ["/api/bots/{id}/channels/whatsapp"] = bot.Id,
            ["/api/bots/{id}/channels/instagram"] = bot.Id,
            ["/api/channels/{id}"] = channelId,
            ["/api/channels/{id}/test"] = channelId,
            ["/api/contacts/{id}/export"] = contactId,
            ["/api/contacts/{id}"] = contactId,
            ["/api/contacts/{id}/conversations"] = contactId,
            ["/api/inbox/conversations/{id}/messages"] = conversationId,
            ["/api/privacy/exports/{id}"] = exportId,
            ["/api/incident-notices/{id}/acknowledge"] = notice.Id,
            ["/api/privacy/exports/{id}/download"] = exportId,
            ["/api/webhook-subscriptions/{id}"] = hookId,
            ["/api/webhook-subscriptions/{id}/rotate-secret"] = hookId,
            ["/api/webhook-subscriptions/{id}/deliveries"] = hookId,
            ["/api/webhook-subscriptions/{id}/deliveries/{deliveryId}/redeliver"] = hookId,
        };

        // Valid bodies, so that each request gets past validation to the point where the id is looked up.
        var bodies = new Dictionary<string, object>
        {
            ["put /api/bots/{id}"] = new
            {
                name = "Hijacked", greeting = "Hi", fallbackMessage = "No", languages = new[] { "En" }, handoffKeywords = new[] { "human" },
                confidenceThreshold = 0.5, allowedOrigins = new[] { "https://evil.example.com" },
            },
            ["post /api/bots/{id}/knowledge"] = new { questions = new[] { "Hijack?" }, answer = "Yes" },
            ["post /api/bots/{id}/knowledge/import"] = new { csv = "questions,answer\nHijack?,Yes\n" },
            ["post /api/bots/{id}/playground"] = new { question = "Yetkazib berish bormi?" },
            ["put /api/knowledge/{id}"] = new { questions = new[] { "Hijack?" }, answer = "Yes" },
            ["post /api/inbox/conversations/{id}/replies"] = new { text = "Hijacked reply" },
            ["put /api/contacts/{id}"] = new { displayName = "Hijacked", notes = "Hijacked", attributes = new { owner = "attacker" } },
            ["post /api/bots/{id}/channels/telegram"] = new { botToken = "7300000002:AAHattackerTokenForIsolationTests_a" },
            ["post /api/bots/{id}/channels/whatsapp"] = new { phoneNumberId = "106540352240001", businessAccountId = "102290129340001", accessToken = "EAAGattacker", appSecret = "attacker-app-secret" },
            ["post /api/bots/{id}/channels/instagram"] = new { accountId = "17841405822300001", accessToken = "IGQattacker", appSecret = "attacker-app-secret" },
        };

        using var attacker = new SpaClient(factory);
        await attacker.RegisterVerifiedOwnerAsync("attacker@example.uz", "+998901000041");

        var document = JsonNode.Parse(await attacker.Http.GetStringAsync("/swagger/v1/swagger.json"))!;
        var templatedPaths = document["paths"]!.AsObject().Where(p => p.Key.Contains("{id}", StringComparison.Ordinal)).ToList();
        // The back-office takes any tenant's ids by design: a tenant's user is refused there (403) before any lookup,
        // whichever tenant the id names, so the answer tells nothing about the id.
        static bool IsBackOffice(string path) => path.StartsWith("/api/admin/", StringComparison.Ordinal);
        var victimTenantId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "victim@example.uz").Select(u => u.TenantId!.Value).SingleAsync());
        templatedPaths.Select(p => p.Key).Where(p => !IsBackOffice(p)).ShouldBe(victimIds.Keys, ignoreOrder: true, customMessage: "cover every path that takes an id");

        var tried = 0;
        foreach (var (path, operations) in templatedPaths)
        {
            foreach (var (method, _) in operations!.AsObject())
            {
                var id = IsBackOffice(path) ? victimTenantId : victimIds[path];
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path.Replace("{id}", id.ToString(), StringComparison.Ordinal)
                    .Replace("{deliveryId}", hookDeliveryId.ToString(), StringComparison.Ordinal)
                    .Replace("{conversationId}", victimIds["/api/inbox/conversations/{id}"].ToString(), StringComparison.Ordinal));
                // Any other id of a back-office path (a receipt's): the staff check refuses before it is looked up.
                request.RequestUri = new Uri(System.Text.RegularExpressions.Regex.Replace(request.RequestUri!.OriginalString, @"\{[^}]+\}", Guid.NewGuid().ToString()), UriKind.Relative);
                if (method is "post" or "put" or "patch")
                    request.Content = JsonContent.Create(bodies.GetValueOrDefault($"{method} {path}", new { }));
                var response = await attacker.Http.SendAsync(request);
                response.StatusCode.ShouldBe(IsBackOffice(path) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, $"{method.ToUpperInvariant()} {path}");
                tried++;
            }
        }

        tried.ShouldBeGreaterThanOrEqualTo(victimIds.Count);
        (await factory.QueryDatabaseAsync(db => db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.Id == key.Id))).RevokedAt.ShouldBeNull();
        (await factory.QueryDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == agentId))).ShouldBeTrue();
        (await factory.QueryDatabaseAsync(db => db.UserSessions.SingleAsync(s => s.Id == sessionId))).EndedAt.ShouldBeNull();
        (await victim.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var botAfter = (await victim.GetAsync<BotDto>($"/api/bots/{bot.Id}"))!;
        (botAfter.Name, botAfter.Status).ShouldBe(("Victim bot", BotStatus.Active));
        var entries = (await victim.GetAsync<CursorPage<KnowledgeEntryDto>>($"/api/bots/{bot.Id}/knowledge"))!;
        entries.Items.Count.ShouldBe(BotTestData.Knowledge.Length);
        var conversation = (await victim.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!;
        conversation.Conversation.Status.ShouldBe(ConversationStatus.Bot);
        conversation.Messages.ShouldNotContain(m => m.Author == MessageAuthor.Agent);
        (await factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.Id == contactId))).ShouldBeTrue();
        conversation.Conversation.UnreadCount.ShouldBe(1);
        var channel = await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == channelId));
        (channel.IsConnected, channel.LastError).ShouldBe((true, null));
        (await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().CountAsync(c => c.BotId == bot.Id))).ShouldBe(1);
        (await factory.QueryDatabaseAsync(db => db.WebhookSubscriptions.IgnoreQueryFilters().CountAsync(s => s.Id == hookId))).ShouldBe(1);
    }

    [Fact]
    public async Task Lists_show_only_the_callers_tenant()
    {
        using var first = new SpaClient(factory);
        await first.RegisterVerifiedOwnerAsync("lists-a@example.uz", "+998901000042");
        await first.Http.PostAsJsonAsync("/api/api-keys", new { name = "A's key", scopes = new[] { "Read" } });
        using var second = new SpaClient(factory);
        await second.RegisterVerifiedOwnerAsync("lists-b@example.uz", "+998901000043");

        (await second.Http.GetStringAsync("/api/api-keys")).ShouldBe("[]");
        (await second.Http.GetStringAsync("/api/team/members")).ShouldNotContain("lists-a@example.uz");
    }
}
