using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Billing.Queries.GetUsage;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Billing;

/// <summary>The default plan (the trial's) with a small monthly answer allowance, so a test reaches it.</summary>
public sealed class SmallMessageLimitApiFactory : VirtuOpsApiFactory
{
    public const int MaxMessages = 5;

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("Billing:Plans:1:MaxMessagesPerMonth", MaxMessages.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The plan's messages per month: the bot's answers are counted per tenant and calendar month. Each test has an app (and clock) of its own.</summary>
public sealed class MessageLimitTests : IAsyncLifetime
{
    private const string ShopOrigin = "https://shop.example.uz";
    private const string Question = "What are your opening hours?";
    private const string Answer = "We are open every day from 9:00 to 21:00.";

    private readonly List<VirtuOpsApiFactory> factories = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in factories)
            await factory.DisposeAsync();
    }

    private T Track<T>(T factory) where T : VirtuOpsApiFactory
    {
        factories.Add(factory);
        return factory;
    }

    /// <summary>A new visitor each time (from its own address, under the per-address cap on new visitors) asks the widget.</summary>
    private static async Task<WidgetReplyDto> AskWidgetAsync(VirtuOpsApiFactory factory, string widgetKey, string text, int visitor)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Origin", ShopOrigin);
        client.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        client.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, $"10.0.{visitor / 200}.{visitor % 200 + 1}");
        var sent = await client.PostAsJsonAsync($"/api/widget/{widgetKey}/messages", new { text });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await sent.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!;
    }

    private static Task<int> CountedAnswersAsync(VirtuOpsApiFactory factory) =>
        factory.QueryDatabaseAsync(db => db.MessageUsages.IgnoreQueryFilters().SumAsync(u => u.Answers));

    private static async Task<List<string>> SubjectsToAsync(SpaClient owner, string email) =>
        [.. (await owner.GetAsync<List<DevOutboxMessage>>($"/api/dev/outbox?to={Uri.EscapeDataString(email)}&take=200"))!.Select(m => m.Subject ?? string.Empty)];

    [Fact]
    public async Task At_the_monthly_limit_the_bot_hands_over_keeps_every_message_and_warns_the_owner_once_at_80_and_once_at_100_percent()
    {
        const string email = "limit-messages@example.uz";
        var factory = Track(new SmallMessageLimitApiFactory());
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, "+998901001701");
        var bot = await BotTestData.CreateBotAsync(owner, "Limited bot", ShopOrigin);

        for (var i = 0; i < 4; i++)
            (await AskWidgetAsync(factory, bot.WidgetKey, Question, i)).Reply.ShouldNotBeNull().Text.ShouldBe(Answer);
        (await SubjectsToAsync(owner, email)).Count(s => s.Contains("80% of this month's answers used")).ShouldBe(1);

        (await AskWidgetAsync(factory, bot.WidgetKey, Question, 4)).Reply.ShouldNotBeNull().Text.ShouldBe(Answer);
        var overLimit = await AskWidgetAsync(factory, bot.WidgetKey, Question, 5);
        var russian = await AskWidgetAsync(factory, bot.WidgetKey, "Когда вы открыты?", 6);

        overLimit.Reply.ShouldNotBeNull().Text.ShouldBe("Your message has been received. One of our team will reply to you soon.");
        overLimit.Status.ShouldBe(ConversationStatus.WaitingForHuman, "a person takes the conversation over");
        russian.Reply.ShouldNotBeNull().Text.ShouldBe("Ваше сообщение получено. Скоро вам ответит наш оператор.");
        var subjects = await SubjectsToAsync(owner, email);
        subjects.Count(s => s.Contains("80% of this month's answers used")).ShouldBe(1);
        subjects.Count(s => s.Contains("This month's answer limit is reached")).ShouldBe(1);
        (await CountedAnswersAsync(factory)).ShouldBe(SmallMessageLimitApiFactory.MaxMessages, "hand-over texts are not counted");
        var inbound = await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().CountAsync(m => m.Direction == MessageDirection.Inbound));
        inbound.ShouldBe(7, "the customers' messages are stored past the limit");

        factory.Time.Advance(TimeSpan.FromDays(32));

        (await AskWidgetAsync(factory, bot.WidgetKey, Question, 7)).Reply.ShouldNotBeNull().Text.ShouldBe(Answer, "a new month has its own allowance");
    }

    [Fact]
    public async Task Answers_given_at_the_same_time_are_all_counted()
    {
        var factory = Track(new VirtuOpsApiFactory());
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("limit-race@example.uz", "+998901001702");
        var bot = await BotTestData.CreateBotAsync(owner, "Busy bot", ShopOrigin);

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AskWidgetAsync(factory, bot.WidgetKey, Question, i)));

        replies.ShouldAllBe(r => r.Reply != null && r.Reply.Text == Answer);
        (await CountedAnswersAsync(factory)).ShouldBe(20);
    }

    [Fact]
    public async Task The_usage_meter_shows_the_tenants_bots_channels_and_answers_this_month_against_its_plan()
    {
        var factory = Track(new SmallMessageLimitApiFactory());
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("usage-meter@example.uz", "+998901001703");
        var bot = await BotTestData.CreateBotAsync(owner, "Metered bot", ShopOrigin);
        await BotTestData.CreateBotAsync(owner, "Second bot");
        for (var i = 0; i < 2; i++)
            await AskWidgetAsync(factory, bot.WidgetKey, Question, i);
        using var stranger = new SpaClient(factory);
        await stranger.RegisterVerifiedOwnerAsync("usage-stranger@example.uz", "+998901001704");

        var usage = (await owner.GetAsync<UsageDto>("/api/billing/usage"))!;

        usage.PlanCode.ShouldBe("biznes");
        usage.Bots.ShouldBe(new UsageMeterDto(2, 3));
        usage.Channels.ShouldBe(new UsageMeterDto(0, 4));
        usage.Messages.ShouldBe(new UsageMeterDto(2, SmallMessageLimitApiFactory.MaxMessages));
        var now = factory.Time.GetUtcNow().UtcDateTime;
        usage.PeriodStart.ShouldBe(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero));
        usage.PeriodEnd.ShouldBe(usage.PeriodStart.AddMonths(1));
        var strangers = (await stranger.GetAsync<UsageDto>("/api/billing/usage"))!;
        strangers.Bots.Used.ShouldBe(0);
        strangers.Messages.Used.ShouldBe(0, "each tenant counts its own answers");
    }
}
