using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Bots;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;

namespace Application.FunctionalTests.Integrations;

/// <summary>An integrator reads a long conversation's history page by page, newest first, without gaps or repeats.</summary>
public sealed class CursorPagingTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task A_conversations_messages_come_newest_first_in_pages_that_neither_repeat_nor_skip_one()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("paging-owner@example.uz", "+998901001701");
        var bot = await BotTestData.CreateBotAsync(owner, "Paging bot", "https://paging.example.uz");
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://paging.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var conversationId = Guid.Empty;
        foreach (var text in new[] { "Salom", "Narxi qancha?", "Yetkazib berasizmi?" })
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            var reply = await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text });
            conversationId = (await reply.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
        }
        using var crm = factory.CreateClient();
        crm.DefaultRequestHeaders.Add("X-Api-Key", (await ApiKeyAccessTests.CreateKeyAsync(owner, "Read")).Key);
        var all = (await owner.GetAsync<CursorPage<MessageDto>>($"/api/inbox/conversations/{conversationId}/messages?limit=100"))!.Items;
        all.Count.ShouldBeGreaterThanOrEqualTo(3);
        all.Select(m => m.SentAt).ShouldBeInOrder(SortDirection.Descending);

        var paged = new List<MessageDto>();
        string? cursor = null;
        do
        {
            var page = (await crm.GetFromJsonAsync<CursorPage<MessageDto>>(
                $"/api/inbox/conversations/{conversationId}/messages?limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", SpaClient.Json))!;
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        paged.Select(m => m.Id).ShouldBe(all.Select(m => m.Id));
        paged.Where(m => m.Direction == VirtuOps.Domain.Conversations.MessageDirection.Inbound).Select(m => m.Text)
            .ShouldBe(["Yetkazib berasizmi?", "Narxi qancha?", "Salom"]);
    }

    [Fact]
    public async Task Bad_cursors_and_limits_are_field_errors_and_another_tenants_conversation_is_not_found()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("paging-bad@example.uz", "+998901001702");
        var bot = await BotTestData.CreateBotAsync(owner, "Paging bot", "https://paging.example.uz");
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://paging.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var conversationId = (await (await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
        var subscribed = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "http://127.0.0.1:5999/paging", events = new[] { "message.received" } });
        var subscriptionId = (await subscribed.Content.ReadFromJsonAsync<JsonObject>())!["subscription"]!["id"]!.GetValue<Guid>();

        foreach (var list in new[] { $"/api/inbox/conversations/{conversationId}/messages", $"/api/webhook-subscriptions/{subscriptionId}/deliveries" })
        {
            foreach (var (query, field) in new[] { ("cursor=AAAA", "cursor"), ("limit=0", "limit"), ("limit=101", "limit") })
            {
                var response = await owner.Http.GetAsync($"{list}?{query}");
                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{list}?{query}");
                (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field].ShouldNotBeNull($"{list}?{query}");
            }
        }

        using var stranger = new SpaClient(factory);
        await stranger.RegisterVerifiedOwnerAsync("paging-stranger@example.uz", "+998901001703");
        (await stranger.Http.GetAsync($"/api/inbox/conversations/{conversationId}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
