using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using VirtuOps.Infrastructure.Data;

namespace WebApi.BrowserTests;

/// <summary>
/// The chat widget on a customer's website, which is another origin than the app: the shop's page comes from a
/// second web server on the loopback address (another port) and loads /widget.js from the app.
/// </summary>
public sealed class WidgetTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>, IAsyncLifetime
{
    private const string Question = "Ish vaqtingiz qanday?";
    private const string Reply = "Assalomu alaykum! Men Dilshod, sizga yordam beraman.";

    private WebApplication? _shop;

    private string ShopUrl => _shop!.Urls.First();

    // Playwright's web-first assertions retry until the page shows what is expected (or time out).
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _shop = builder.Build();
        // The snippet exactly as the bot's settings page gives it, pointing at the app.
        var page = $$"""
            <!doctype html>
            <html lang="uz">
            <head><meta charset="utf-8"><title>Samarqand Non</title><style>div, p, button { color: red; font-size: 40px; }</style></head>
            <body>
            <h1>Samarqand Non</h1>
            <script src="{{app.BaseUrl}}/widget.js" data-widget-key="{{DemoDataSeeder.DemoWidgetKey}}" async></script>
            </body>
            </html>
            """;
        _shop.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        await _shop.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_shop is not null)
            await _shop.DisposeAsync();
    }

    [Fact]
    public async Task A_visitor_on_another_website_asks_the_bot_then_for_a_person_and_sees_the_owners_inbox_reply_live()
    {
        await AllowOriginAsync(ShopUrl);

        // The visitor, on the shop's website.
        var visitorContext = await app.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "uz-UZ" });
        var shop = await visitorContext.NewPageAsync();
        await shop.GotoAsync(ShopUrl);
        await shop.GetByTestId("virtuops-launcher").ClickAsync();
        await Expect(shop.GetByTestId("virtuops-greeting")).ToContainTextAsync("Demo Do‘kon yordamchisiman");
        await shop.GetByTestId("virtuops-input").FillAsync(Question);
        await shop.GetByTestId("virtuops-send").ClickAsync();

        var messages = shop.GetByTestId("virtuops-message");
        await Expect(messages).ToHaveCountAsync(2);
        await Expect(messages.First).ToHaveAttributeAsync("data-author", "Contact");
        await Expect(messages.Last).ToHaveAttributeAsync("data-author", "Bot");
        await Expect(messages.Last).ToContainTextAsync("9:00 dan 21:00 gacha");

        await shop.GetByTestId("virtuops-handoff").ClickAsync();
        await Expect(shop.GetByTestId("virtuops-status")).ToHaveTextAsync("Operatorga ulanmoqdasiz, tez orada javob beramiz.");
        await Expect(messages).ToHaveCountAsync(3);
        var visitorId = await shop.EvaluateAsync<string>("() => localStorage.getItem('virtuops-widget:visitor')");

        // The owner, signed in in another browser context, answers from the inbox.
        var owner = await app.NewPageAsync();
        await owner.GotoAsync("/sign-in");
        await owner.GetByLabel("Elektron pochta").FillAsync("demo@virtuops.uz");
        await owner.GetByLabel("Parol", new() { Exact = true }).FillAsync("Demo-parol-2026");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Suhbatlar" }).ClickAsync();
        await owner.GetByTestId("conversation").Filter(new() { HasText = $"Visitor {visitorId[..8]}" }).ClickAsync();
        await Expect(owner.GetByTestId("conversation-status")).ToContainTextAsync("Operator kutilmoqda");
        await Expect(owner.GetByTestId("message").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(Question));
        await owner.GetByLabel("Javobingiz").FillAsync(Reply);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Yuborish", Exact = true }).ClickAsync();
        await Expect(owner.GetByTestId("conversation-status")).ToContainTextAsync("bu suhbatda bot toʻxtatilgan");

        // The reply reaches the visitor's page live, over the widget's hub.
        await Expect(messages).ToHaveCountAsync(4);
        await Expect(messages.Last).ToHaveAttributeAsync("data-author", "Agent");
        await Expect(messages.Last).ToContainTextAsync(Reply);
        await Expect(shop.GetByTestId("virtuops-status")).ToHaveTextAsync("Sizga operator javob bermoqda.");

        // The widget never used cookies: the API's antiforgery cookie was not stored for the visitor.
        (await visitorContext.CookiesAsync([app.BaseUrl])).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_demo_shop_page_shows_the_demo_bots_widget_while_the_demo_request_page_keeps_its_address()
    {
        // The demo bot allows the app's usual addresses (localhost:5080); this test's app listens on another port.
        await AllowOriginAsync(app.BaseUrl);
        var page = await app.NewPageAsync();
        var cspViolations = LiveAppFixture.CspViolationsOf(page);

        await page.GotoAsync("/demo/");
        // The shop's styles and the widget's come from files and a constructed style sheet, which the policy allows.
        await Expect(page.Locator("h1")).ToHaveCSSAsync("color", "rgb(138, 59, 18)");
        await Expect(page.GetByTestId("virtuops-launcher")).ToHaveCSSAsync("background-color", "rgb(36, 87, 214)");
        await page.GetByTestId("virtuops-launcher").ClickAsync();

        await Expect(page.GetByTestId("virtuops-panel")).ToHaveAttributeAsync("aria-label", "Demo Do‘kon yordamchisi");
        await Expect(page.GetByTestId("virtuops-greeting")).ToContainTextAsync("Savolingizni yozing.");
        cspViolations.ShouldBeEmpty();

        await page.GotoAsync("/demo");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demo soʻrash");
    }

    private Task<int> AllowOriginAsync(string url) =>
        app.QueryDatabaseAsync(async db =>
        {
            var bot = await db.Bots.IgnoreQueryFilters().SingleAsync(b => b.WidgetKey == DemoDataSeeder.DemoWidgetKey);
            bot.Update(bot.Name, bot.Greeting, bot.FallbackMessage, bot.Persona, bot.Languages, bot.HandoffKeywords,
                bot.ConfidenceThreshold, [.. bot.AllowedOrigins, new Uri(url).GetLeftPart(UriPartial.Authority)]);
            return await db.SaveChangesAsync();
        });
}
