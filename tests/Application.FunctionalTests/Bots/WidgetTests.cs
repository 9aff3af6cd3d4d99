using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Inbox.Queries.GetConversation;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Application.Widget.Queries.GetWidgetConversation;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Bots;

/// <summary>The app with a low widget rate limit, so a flood test can reach it.</summary>
public sealed class WidgetApiFactory : VirtuOpsApiFactory
{
    public const int MessagesPerMinute = 8;

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("RateLimits:WidgetMessagesPerMinute", MessagesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

public sealed class WidgetTests(WidgetApiFactory factory) : IClassFixture<WidgetApiFactory>
{
    private const string ShopOrigin = "https://shop.example.uz";

    private HttpClient Visitor(string visitorId, string origin = ShopOrigin)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("Origin", origin);
        http.DefaultRequestHeaders.Add("X-Visitor-Id", visitorId);
        return http;
    }

    private async Task<(SpaClient Owner, VirtuOps.Application.Bots.Common.BotDto Bot)> OwnerWithBotAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return (owner, await BotTestData.CreateBotAsync(owner, "Widget bot", ShopOrigin));
    }

    private Task<int> StoredMessagesAsync(Guid botId) =>
        factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .CountAsync(m => db.Conversations.IgnoreQueryFilters().Any(c => c.Id == m.ConversationId && c.BotId == botId)));

    [Fact]
    public async Task A_visitor_asks_and_gets_the_bots_answer_and_a_retried_send_is_stored_once()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-ask@example.uz", "+998901000110");
        using var _ = owner;
        using var visitor = Visitor(Guid.NewGuid().ToString());

        var config = await visitor.GetStringAsync($"/api/widget/{bot.WidgetKey}");
        config.ShouldContain("Widget bot");
        var body = new { text = "Soat nechida ochilasiz?", clientMessageId = "c-1" };
        var first = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", body);
        var retry = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", body);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([ShopOrigin]);
        var reply = (await first.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!;
        reply.Reply!.Text.ShouldBe("Har kuni 9:00 dan 21:00 gacha ishlaymiz.");
        reply.Reply.Author.ShouldBe(MessageAuthor.Bot);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.Received.Id.ShouldBe(reply.Received.Id);
        (await StoredMessagesAsync(bot.Id)).ShouldBe(2);
    }

    [Fact]
    public async Task Asking_for_an_operator_hands_over_and_the_agents_reply_reaches_the_visitor()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-human@example.uz", "+998901000111");
        using var _ = owner;
        var visitorId = Guid.NewGuid().ToString();
        using var visitor = Visitor(visitorId);

        var handover = (await (await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Operator kerak, iltimos" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!;
        handover.Status.ShouldBe(ConversationStatus.WaitingForHuman);
        var quiet = (await (await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Yetkazib berish bormi?" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!;
        quiet.Reply.ShouldBeNull(); // a human has the conversation now

        var detail = (await owner.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{handover.ConversationId}"))!;
        detail.Conversation.UnreadCount.ShouldBe(2);
        (await owner.Http.PostAsJsonAsync($"/api/inbox/conversations/{handover.ConversationId}/replies", new { text = "Salom! Men Malika, yordam beraman." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var seen = (await (await visitor.GetAsync($"/api/widget/{bot.WidgetKey}/conversation")).Content.ReadFromJsonAsync<WidgetConversationDto>(SpaClient.Json))!;
        seen.Status.ShouldBe(ConversationStatus.Human);
        seen.Messages[^1].ShouldSatisfyAllConditions(
            m => m.Author.ShouldBe(MessageAuthor.Agent),
            m => m.Text.ShouldBe("Salom! Men Malika, yordam beraman."));
        seen.Messages.Select(m => m.SentAt).ShouldBeInOrder();

        (await owner.Http.PostAsync($"/api/inbox/conversations/{handover.ConversationId}/hand-back", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var answered = (await (await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Ish vaqtingiz qanday?" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!;
        answered.Reply!.Author.ShouldBe(MessageAuthor.Bot);
    }

    public static TheoryData<string, string> BadMessages => new()
    {
        { "empty", "   " },
        { "too long", new string('a', 10_000) },
        { "control characters", "salom\u0000\u0007" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public async Task A_bad_message_is_refused_with_a_field_error_and_stores_nothing(string why, string text)
    {
        var phone = why switch { "empty" => "+998901000121", "too long" => "+998901000122", _ => "+998901000123" };
        var (owner, bot) = await OwnerWithBotAsync($"widget-bad-{why.Replace(' ', '-')}@example.uz", phone);
        using var _ = owner;
        using var visitor = Visitor(Guid.NewGuid().ToString());

        var response = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, why);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"text\"");
        (await StoredMessagesAsync(bot.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_widget_key_or_a_site_not_on_the_list_is_refused_and_nothing_is_stored()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-origin@example.uz", "+998901000140");
        using var _ = owner;
        using var stranger = Visitor(Guid.NewGuid().ToString(), origin: "https://evil.example.com");
        using var lost = Visitor(Guid.NewGuid().ToString());

        var forbidden = await stranger.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" });
        var unknown = await lost.PostAsJsonAsync("/api/widget/wk_does_not_exist/messages", new { text = "Salom" });

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        forbidden.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await StoredMessagesAsync(bot.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task A_flood_of_messages_is_cut_off_at_the_rate_limit()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-flood@example.uz", "+998901000141");
        using var _ = owner;
        using var visitor = Visitor(Guid.NewGuid().ToString());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < WidgetApiFactory.MessagesPerMinute + 3; i++)
            statuses.Add((await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = $"Salom {i}" })).StatusCode);

        statuses.Take(WidgetApiFactory.MessagesPerMinute).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(WidgetApiFactory.MessagesPerMinute).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await StoredMessagesAsync(bot.Id)).ShouldBe(WidgetApiFactory.MessagesPerMinute * 2);
    }

    [Fact]
    public async Task A_cors_preflight_is_answered_only_for_an_allowed_origin()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-cors@example.uz", "+998901000142");
        using var _ = owner;
        using var http = factory.CreateClient();

        async Task<HttpResponseMessage> PreflightAsync(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/widget/{bot.WidgetKey}/messages");
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "content-type,x-visitor-id");
            return await http.SendAsync(request);
        }

        (await PreflightAsync(ShopOrigin)).Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([ShopOrigin]);
        (await PreflightAsync("https://evil.example.com")).Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }
}
