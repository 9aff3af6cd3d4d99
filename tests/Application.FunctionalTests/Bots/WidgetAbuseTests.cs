using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Bots.Common;

namespace Application.FunctionalTests.Bots;

/// <summary>The app with low widget limits per address, per bot and on new visitors, so the abuse tests reach them.</summary>
public sealed class WidgetAbuseApiFactory : VirtuOpsApiFactory
{
    public const int MessagesPerAddress = 10;
    public const int MessagesPerBot = 25;
    public const int NewVisitorsPerBot = 12;
    public const int NewVisitorsPerAddress = 4;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:WidgetMessagesPerIpPerMinute", MessagesPerAddress.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:WidgetMessagesPerBotPerMinute", MessagesPerBot.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:WidgetNewVisitorsPerBotPerMinute", NewVisitorsPerBot.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:WidgetNewVisitorsPerIpPerMinute", NewVisitorsPerAddress.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A visitor id is the caller's to choose, so the widget's limits must also hold per address and per bot.</summary>
public sealed class WidgetAbuseTests(WidgetAbuseApiFactory factory) : IClassFixture<WidgetAbuseApiFactory>
{
    private const string ShopOrigin = "https://shop.example.uz";

    /// <summary>A browser at <paramref name="address"/>; with no visitor id, each message brings a fresh one.</summary>
    private HttpClient Visitor(string address, string? visitorId = null)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("Origin", ShopOrigin);
        http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, address);
        if (visitorId is not null)
            http.DefaultRequestHeaders.Add("X-Visitor-Id", visitorId);
        return http;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient visitor, BotDto bot, string text, string? freshVisitorId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/widget/{bot.WidgetKey}/messages") { Content = JsonContent.Create(new { text }) };
        if (freshVisitorId is not null)
            request.Headers.Add("X-Visitor-Id", freshVisitorId);
        return visitor.SendAsync(request);
    }

    private async Task<(SpaClient Owner, BotDto Bot)> OwnerWithBotAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return (owner, await BotTestData.CreateBotAsync(owner, "Widget bot", ShopOrigin));
    }

    /// <summary>The refusal a widget shows as "try again later": 429 problem details with Retry-After.</summary>
    private static async Task<ProblemDetails> TooManyRequestsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        problem.Status.ShouldBe(429);
        return problem;
    }

    private Task<int> ConversationsAsync(Guid botId) =>
        factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().CountAsync(c => c.BotId == botId));

    [Fact]
    public async Task A_fresh_visitor_id_per_message_gets_one_address_only_a_few_new_chats()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-abuse-new-ip@example.uz", "+998901000146");
        using var _ = owner;
        using var attacker = Visitor("203.0.113.30");
        var visitorIds = Enumerable.Range(0, WidgetAbuseApiFactory.NewVisitorsPerAddress + 3).Select(_ => Guid.NewGuid().ToString()).ToList();

        var responses = new List<HttpResponseMessage>();
        foreach (var visitorId in visitorIds)
            responses.Add(await SendAsync(attacker, bot, "Salom", freshVisitorId: visitorId));

        responses.Take(WidgetAbuseApiFactory.NewVisitorsPerAddress).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Skip(WidgetAbuseApiFactory.NewVisitorsPerAddress))
            (await TooManyRequestsAsync(refused)).Detail.ShouldBe("Too many new chats from your network. Please try again in a minute.");
        (await ConversationsAsync(bot.Id)).ShouldBe(WidgetAbuseApiFactory.NewVisitorsPerAddress);
        (await SendAsync(attacker, bot, "Narxi qancha?", freshVisitorId: visitorIds[0])).StatusCode.ShouldBe(HttpStatusCode.OK, "a visitor already in is not new");
        using var neighbour = Visitor("203.0.113.31", Guid.NewGuid().ToString());
        (await SendAsync(neighbour, bot, "Salom")).StatusCode.ShouldBe(HttpStatusCode.OK, "another address has its own allowance");
    }

    [Fact]
    public async Task Visitors_sharing_one_address_meet_the_per_address_message_limit()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-abuse-ip@example.uz", "+998901000143");
        using var _ = owner;
        using var office = Visitor("203.0.113.20");
        string[] visitorIds = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < WidgetAbuseApiFactory.MessagesPerAddress + 3; i++)
            responses.Add(await SendAsync(office, bot, $"Salom {i}", freshVisitorId: visitorIds[i % 2]));

        responses.Take(WidgetAbuseApiFactory.MessagesPerAddress).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in responses.Skip(WidgetAbuseApiFactory.MessagesPerAddress))
            await TooManyRequestsAsync(refused);
        using var neighbour = Visitor("203.0.113.21", Guid.NewGuid().ToString());
        (await SendAsync(neighbour, bot, "Salom")).StatusCode.ShouldBe(HttpStatusCode.OK, "another address has its own allowance");
    }

    [Fact]
    public async Task Many_addresses_writing_to_one_bot_meet_the_per_bot_limit()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-abuse-bot@example.uz", "+998901000144");
        using var _ = owner;
        var otherBot = await BotTestData.CreateBotAsync(owner, "Other widget bot", ShopOrigin);
        var visitors = Enumerable.Range(1, 5).Select(n => Visitor($"198.51.100.{n}", Guid.NewGuid().ToString())).ToList();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < WidgetAbuseApiFactory.MessagesPerBot; i++)
            responses.Add(await SendAsync(visitors[i % visitors.Count], bot, $"Salom {i}"));
        var beyond = new List<HttpResponseMessage>();
        foreach (var visitor in visitors)
            beyond.Add(await SendAsync(visitor, bot, "Yana salom"));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        foreach (var refused in beyond)
            await TooManyRequestsAsync(refused);
        (await SendAsync(visitors[0], otherBot, "Salom")).StatusCode.ShouldBe(HttpStatusCode.OK, "the limit is the bot's, not the visitor's or the address's");
        visitors.ForEach(v => v.Dispose());
    }

    [Fact]
    public async Task New_visitors_beyond_the_per_bot_cap_are_refused_even_when_they_arrive_at_once()
    {
        var (owner, bot) = await OwnerWithBotAsync("widget-abuse-new@example.uz", "+998901000145");
        using var _ = owner;
        var visitors = Enumerable.Range(1, 20).Select(n => Visitor($"192.0.2.{n}", Guid.NewGuid().ToString())).ToList();

        var responses = await Task.WhenAll(visitors.Select(v => SendAsync(v, bot, "Salom")));

        var admitted = responses.Select((response, i) => (Response: response, Visitor: visitors[i])).Where(r => r.Response.StatusCode == HttpStatusCode.OK).ToList();
        admitted.Count.ShouldBe(WidgetAbuseApiFactory.NewVisitorsPerBot);
        var refused = responses.Select((response, i) => (Response: response, Visitor: visitors[i])).Where(r => r.Response.StatusCode != HttpStatusCode.OK).ToList();
        foreach (var (response, _) in refused)
        {
            (await TooManyRequestsAsync(response)).Detail.ShouldBe("This chat has too many new visitors right now. Please try again in a minute.");
        }
        (await ConversationsAsync(bot.Id)).ShouldBe(WidgetAbuseApiFactory.NewVisitorsPerBot);

        (await SendAsync(admitted[0].Visitor, bot, "Yetkazib berish bormi?")).StatusCode.ShouldBe(HttpStatusCode.OK, "a visitor already in is not new");
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        (await SendAsync(refused[0].Visitor, bot, "Salom")).StatusCode.ShouldBe(HttpStatusCode.OK, "the cap is per minute");
        visitors.ForEach(v => v.Dispose());
    }
}
