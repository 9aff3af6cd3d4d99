using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Bots;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;

namespace Application.FunctionalTests.Integrations;

/// <summary>An integrator reads growing lists page by page, newest first, without gaps or repeats, even while rows arrive.</summary>
public sealed class CursorPagingTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private async Task<Guid> StartConversationAsync(BotDto bot, string origin, string text)
    {
        factory.Time.Advance(TimeSpan.FromSeconds(1));
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", origin);
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var reply = await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text });
        return (await reply.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
    }

    private static async Task<List<T>> ReadAllAsync<T>(HttpClient client, string url, Func<Task>? betweenPages = null)
    {
        var rows = new List<T>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<CursorPage<T>>($"{url}&limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", SpaClient.Json))!;
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            rows.AddRange(page.Items);
            cursor = page.NextCursor;
            if (betweenPages is not null)
                await betweenPages();
        }
        while (cursor is not null);
        return rows;
    }

    [Fact]
    public async Task The_inbox_pages_through_filtered_conversations_most_recent_first_and_a_new_one_does_not_shift_the_pages()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("paging-inbox@example.uz", "+998901001704");
        var bot = await BotTestData.CreateBotAsync(owner, "Paging bot", "https://paging.example.uz");
        var started = new List<Guid>();
        foreach (var text in new[] { "Birinchi", "Ikkinchi", "Uchinchi" })
            started.Add(await StartConversationAsync(bot, "https://paging.example.uz", text));
        var closed = await StartConversationAsync(bot, "https://paging.example.uz", "Yopiladi");
        (await owner.Http.PostAsync($"/api/inbox/conversations/{closed}/close", null)).EnsureSuccessStatusCode();
        using var crm = factory.CreateClient();
        crm.DefaultRequestHeaders.Add("X-Api-Key", (await ApiKeyAccessTests.CreateKeyAsync(owner, "Read")).Key);

        var arrivedWhilePaging = Guid.Empty;
        var paged = await ReadAllAsync<ConversationSummaryDto>(crm, $"/api/inbox/conversations?botId={bot.Id}&status=Bot", async () =>
        {
            if (arrivedWhilePaging == Guid.Empty)
                arrivedWhilePaging = await StartConversationAsync(bot, "https://paging.example.uz", "Yangi");
        });

        paged.Select(c => c.Id).ShouldBe(Enumerable.Reverse(started), "newest first, none twice, the one that arrived meanwhile is above the cursor");
        (await owner.GetAsync<CursorPage<ConversationSummaryDto>>($"/api/inbox/conversations?botId={bot.Id}&status=Bot&limit=1"))!.Items.Single().Id.ShouldBe(arrivedWhilePaging);
    }

    [Fact]
    public async Task A_bots_knowledge_pages_newest_first_keeping_the_search()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("paging-knowledge@example.uz", "+998901001705");
        var bot = await BotTestData.CreateBotAsync(owner, "Paging bot", "https://paging.example.uz");
        async Task<Guid> AddAsync(string question)
        {
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            var created = await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/knowledge", new { questions = new[] { question }, answer = "Javob." });
            return (await created.Content.ReadFromJsonAsync<KnowledgeEntryDto>(SpaClient.Json))!.Id;
        }
        var matching = new List<Guid>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            matching.Add(await AddAsync($"Yetkazish {n}?"));
            await AddAsync($"Narx {n}?");
        }

        var added = false;
        var paged = await ReadAllAsync<KnowledgeEntryDto>(owner.Http, $"/api/bots/{bot.Id}/knowledge?search=Yetkazish", async () =>
        {
            if (!added)
                await AddAsync("Yetkazish yangi?");
            added = true;
        });

        paged.Select(e => e.Id).ShouldBe(Enumerable.Reverse(matching));
    }

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

        string[] lists =
        [
            $"/api/inbox/conversations/{conversationId}/messages", $"/api/webhook-subscriptions/{subscriptionId}/deliveries", "/api/inbox/conversations",
            $"/api/bots/{bot.Id}/knowledge", "/api/account/access-log", "/api/security/platform-access",
        ];
        foreach (var list in lists)
        {
            foreach (var (query, field) in new[] { ("cursor=AAAA", "cursor"), ("cursor=2", "cursor"), ("limit=0", "limit"), ("limit=101", "limit") })
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
