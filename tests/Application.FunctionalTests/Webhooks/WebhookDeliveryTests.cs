using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Application.FunctionalTests.Bots;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Webhooks;

/// <summary>The real app with its webhook delivery worker, posting to receivers on 127.0.0.1; the retry clock is the test's.</summary>
public sealed class WebhookDeliveryApp : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        // Two in flight per tenant: one tenant's hanging receiver takes at most two of the eight.
        builder.UseSetting("Webhooks:Concurrency", "8");
        // Every widget visitor here comes from the test's one address.
        builder.UseSetting("RateLimits:WidgetNewVisitorsPerIpPerMinute", "1000");
        builder.UseSetting("RateLimits:WidgetMessagesPerIpPerMinute", "1000");
    }
}

public sealed class WebhookDeliveryTests(WebhookDeliveryApp factory) : IClassFixture<WebhookDeliveryApp>
{
    private static readonly string[] AllEvents =
    [
        "message.received", "message.sent", "message.failed", "conversation.created", "conversation.handed_over", "conversation.closed",
        "contact.created", "subscription.changed",
    ];

    [Fact]
    public async Task Each_event_type_arrives_once_in_order_signed_with_the_subscriptions_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, bot) = await OwnerWithBotAsync("events");
        var (subscriptionId, secret) = await SubscribeAsync(owner, receiver.Url, AllEvents);
        var tenantId = (await owner.GetAsync<JsonObject>("/api/account/me"))!["tenantId"]!.GetValue<Guid>();

        var conversationId = await WidgetMessageAsync(bot, Guid.NewGuid(), "Yetkazib berish bormi?");
        await WidgetMessageAsync(bot, Guid.NewGuid(), "operator"); // another conversation, handed to a person
        (await owner.Http.PostAsync($"/api/inbox/conversations/{conversationId}/close", null)).EnsureSuccessStatusCode();
        await Billing.BillingTestSteps.SubscribeAsync(factory, owner);
        await FailAnOutgoingMessageAsync(tenantId, conversationId);

        foreach (var type in AllEvents)
            await receiver.WaitForAsync(type);
        await receiver.WaitForAsync(r => r.Type == "conversation.handed_over");

        var received = receiver.Received;
        received.GroupBy(r => r.EventId).ShouldAllBe(g => g.Count() == 1, "no event arrives twice");
        received.ShouldAllBe(r => WebhookReceiver.SignatureVerifies(r, secret));
        received.ShouldAllBe(r => r.Envelope["tenantId"]!.GetValue<Guid>() == tenantId);
        received.ShouldAllBe(r => r.Envelope["createdAt"] != null && r.Envelope["data"] != null);
        received.ShouldAllBe(r => r.Signature!.StartsWith("t=", StringComparison.Ordinal) && r.Signature.Split(",v1=").Length == 2);

        // The first conversation's events, in the order they happened.
        var ofFirst = received.Where(r => r.Envelope["data"]!["conversationId"]?.GetValue<Guid>() == conversationId
                                          || (r.Type.StartsWith("conversation.", StringComparison.Ordinal) && r.Envelope["data"]!["id"]!.GetValue<Guid>() == conversationId))
            .Select(r => r.Type).ToList();
        ofFirst.ShouldBe(["conversation.created", "message.received", "message.sent", "conversation.closed", "message.failed"]);
        var question = received.First(r => r.Type == "message.received").Envelope["data"]!;
        question["text"]!.GetValue<string>().ShouldBe("Yetkazib berish bormi?");
        question["direction"]!.GetValue<string>().ShouldBe("Inbound");

        // The log is written once the receiver's answer is in: wait for the last one.
        var log = await WaitForLogAsync(owner, subscriptionId, _ => true, all => all.Count == received.Count && all.All(d => d!["status"]!.GetValue<string>() != "Pending"));
        log.ShouldAllBe(d => d!["status"]!.GetValue<string>() == "Succeeded" && d["lastResponseCode"]!.GetValue<int>() == 200 && d["attempts"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task A_receiver_that_fails_with_5xx_gets_the_event_again_after_the_backoff()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 1 ? 503 : 200;
        var (owner, bot) = await OwnerWithBotAsync("retry");
        var (subscriptionId, secret) = await SubscribeAsync(owner, receiver.Url, ["message.received"]);

        await WidgetMessageAsync(bot, Guid.NewGuid(), "Ish vaqtingiz qanday?");
        var failed = await receiver.WaitForAsync(r => r.Answered == 503);
        var deliveries = await WaitForLogAsync(owner, subscriptionId, d => d["attempts"]!.GetValue<int>() == 1);
        deliveries.Single()!["lastResponseCode"]!.GetValue<int>().ShouldBe(503);
        deliveries.Single()!["status"]!.GetValue<string>().ShouldBe("Pending");

        factory.Time.Advance(TimeSpan.FromSeconds(11)); // past the first backoff (10 s at most)
        var retried = await receiver.WaitForAsync(r => r.Answered == 200);
        retried.EventId.ShouldBe(failed.EventId);
        retried.Body.ShouldBe(failed.Body);
        WebhookReceiver.SignatureVerifies(retried, secret).ShouldBeTrue();
        var done = (await WaitForLogAsync(owner, subscriptionId, d => d["status"]!.GetValue<string>() == "Succeeded")).Single()!;
        (done["attempts"]!.GetValue<int>(), done["lastResponseCode"]!.GetValue<int>()).ShouldBe((2, 200));
    }

    [Fact]
    public async Task A_hanging_receiver_is_cut_off_at_the_timeout_and_other_tenants_events_still_arrive()
    {
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Answer = _ => null;
        await using var healthy = await WebhookReceiver.StartAsync();
        var (slowOwner, slowBot) = await OwnerWithBotAsync("hang");
        var (slowSubscription, _) = await SubscribeAsync(slowOwner, hanging.Url, ["message.received"]);
        var (owner, bot) = await OwnerWithBotAsync("healthy");
        await SubscribeAsync(owner, healthy.Url, ["message.received"]);

        // More hanging lines (conversations) than the whole worker has slots.
        for (var i = 0; i < 10; i++)
            await WidgetMessageAsync(slowBot, Guid.NewGuid(), $"Salom {i}");
        await hanging.WaitForHangingAsync(2);
        var sentAt = DateTimeOffset.UtcNow;
        await WidgetMessageAsync(bot, Guid.NewGuid(), "Qanday to‘lov usullari bor?");

        // Not after a hanging request was cut off (10 s): at once, beside them.
        var arrived = await healthy.WaitForAsync("message.received");
        (arrived.At - sentAt).ShouldBeLessThan(TimeSpan.FromSeconds(5));
        hanging.Hanging.ShouldBeGreaterThan(0, "the slow tenant's requests were still hanging");

        var cut = await WaitForLogAsync(slowOwner, slowSubscription, d => d["attempts"]!.GetValue<int>() >= 1);
        var attempt = cut.First(d => d!["attempts"]!.GetValue<int>() >= 1)!;
        attempt["lastResponseCode"].ShouldBeNull();
        attempt["lastError"]!.GetValue<string>().ShouldContain("did not answer within 10 s");
        attempt["lastDurationMs"]!.GetValue<int>().ShouldBeInRange(9_900, 30_000);
        attempt["status"]!.GetValue<string>().ShouldBe("Pending"); // retried later
    }

    [Fact]
    public async Task After_a_day_of_failures_the_subscription_is_disabled_and_the_owner_told_and_a_redelivery_turns_it_on_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        var (owner, bot) = await OwnerWithBotAsync("disable");
        var (subscriptionId, _) = await SubscribeAsync(owner, receiver.Url, ["message.received"]);

        await WidgetMessageAsync(bot, Guid.NewGuid(), "Salom");
        await receiver.WaitForAsync(_ => true);
        // Each hour the backoff (capped at an hour) lets one more attempt through, until a day after the event.
        var attempts = 1;
        await WaitForLogAsync(owner, subscriptionId, d => d["attempts"]!.GetValue<int>() == attempts);
        while (await factory.QueryDatabaseAsync(db => db.WebhookSubscriptions.IgnoreQueryFilters().AnyAsync(s => s.Id == subscriptionId && s.DisabledAt == null)))
        {
            attempts.ShouldBeLessThan(30);
            factory.Time.Advance(TimeSpan.FromHours(1));
            attempts++;
            await WaitForLogAsync(owner, subscriptionId, d => d["attempts"]!.GetValue<int>() == attempts);
        }

        attempts.ShouldBe(25); // the first at once, one an hour for 24 hours
        var subscription = await WaitForSubscriptionAsync(owner, subscriptionId, s => !s["enabled"]!.GetValue<bool>());
        subscription["disabledReason"]!.GetValue<string>().ShouldContain("500");
        var delivery = (await WaitForLogAsync(owner, subscriptionId, d => d["status"]!.GetValue<string>() == "Failed")).Single()!;
        delivery["attempts"]!.GetValue<int>().ShouldBe(attempts);
        (await owner.LatestMessageToAsync("hooks-disable@example.uz")).Subject!.ShouldContain("Webhook disabled");

        // Disabled: nothing more is sent, whatever happens.
        await WidgetMessageAsync(bot, Guid.NewGuid(), "Yana salom");
        factory.Time.Advance(TimeSpan.FromHours(1));
        (await factory.QueryDatabaseAsync(db => db.WebhookDeliveries.IgnoreQueryFilters().CountAsync(d => d.SubscriptionId == subscriptionId))).ShouldBe(1);

        receiver.Answer = _ => 204;
        var before = receiver.Received.Count;
        (await owner.Http.PostAsync($"/api/webhook-subscriptions/{subscriptionId}/deliveries/{delivery["id"]}/redeliver", null))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await receiver.WaitForAsync(r => r.Answered == 204)).Body.ShouldBe(receiver.Received[before - 1].Body);
        (await WaitForSubscriptionAsync(owner, subscriptionId, s => s["enabled"]!.GetValue<bool>()))["disabledReason"].ShouldBeNull();
    }

    [Fact]
    public async Task A_restricted_tenant_sends_nothing_until_the_restriction_is_lifted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (owner, bot) = await OwnerWithBotAsync("restricted");
        var (subscriptionId, _) = await SubscribeAsync(owner, receiver.Url, ["conversation.closed"]);
        var conversationId = await WidgetMessageAsync(bot, Guid.NewGuid(), "Salom");
        (await owner.Http.PostAsync("/api/privacy/restriction", null)).EnsureSuccessStatusCode();

        // A change the restriction still allows to happen (the customer's data is kept): the event waits, queued.
        await CloseDirectlyAsync(conversationId);
        (await WaitForLogAsync(owner, subscriptionId, d => d["status"]!.GetValue<string>() == "Pending")).ShouldHaveSingleItem();
        receiver.Received.ShouldBeEmpty();

        (await owner.Http.DeleteAsync("/api/privacy/restriction")).EnsureSuccessStatusCode();
        (await receiver.WaitForAsync("conversation.closed")).Envelope["data"]!["id"]!.GetValue<Guid>().ShouldBe(conversationId);
    }

    private async Task<(SpaClient Owner, VirtuOps.Application.Bots.Common.BotDto Bot)> OwnerWithBotAsync(string name)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync($"hooks-{name}@example.uz", $"+99890{Math.Abs(name.GetHashCode()) % 9_000_000 + 1_000_000}");
        var bot = await BotTestData.CreateBotAsync(owner, $"Bot {name}", "https://shop.example.uz");
        return (owner, bot);
    }

    private static async Task<(Guid Id, string Secret)> SubscribeAsync(SpaClient owner, string url, string[] events)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url, events });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (created["subscription"]!["id"]!.GetValue<Guid>(), created["secret"]!.GetValue<string>());
    }

    private async Task<Guid> WidgetMessageAsync(VirtuOps.Application.Bots.Common.BotDto bot, Guid visitor, string text)
    {
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://shop.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", visitor.ToString());
        var response = await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]!.GetValue<Guid>();
    }

    /// <summary>
    /// A reply the provider refused for good, as the channel delivery worker records it (a widget conversation's replies
    /// never go through the channel outbox, so the step is taken here).
    /// </summary>
    private async Task FailAnOutgoingMessageAsync(Guid tenantId, Guid conversationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var message = await db.Messages.IgnoreQueryFilters().Where(m => m.ConversationId == conversationId && m.Direction == MessageDirection.Outbound)
            .OrderByDescending(m => m.SentAt).FirstAsync();
        message.DeliveryGaveUp("Forbidden: bot was blocked by the user");
        await db.SaveChangesAsync();
        message.TenantId.ShouldBe(tenantId);
    }

    private async Task CloseDirectlyAsync(Guid conversationId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var conversation = await db.Conversations.IgnoreQueryFilters().SingleAsync(c => c.Id == conversationId);
        conversation.Close();
        await db.SaveChangesAsync();
    }

    private static async Task<JsonArray> WaitForLogAsync(SpaClient owner, Guid subscriptionId, Func<JsonNode, bool> match,
        Func<JsonArray, bool>? whole = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var log = (await owner.GetAsync<JsonObject>($"/api/webhook-subscriptions/{subscriptionId}/deliveries?limit=100"))!["items"]!.AsArray();
            if (log.Any(d => match(d!)) && (whole is null || whole(log)))
                return log;
            await Task.Delay(50, timeout.Token); // polling the API the way an owner's page does, not a fixed wait
        }
    }

    private static async Task<JsonNode> WaitForSubscriptionAsync(SpaClient owner, Guid subscriptionId, Func<JsonNode, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var subscription = (await owner.GetAsync<JsonArray>("/api/webhook-subscriptions"))!.Single(s => s!["id"]!.GetValue<Guid>() == subscriptionId)!;
            if (match(subscription))
                return subscription;
            await Task.Delay(50, timeout.Token);
        }
    }
}
