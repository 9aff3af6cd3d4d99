using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace WebApi.BrowserTests;

public sealed class SpaTests(LiveAppFixture app) : IClassFixture<LiveAppFixture>
{
    // Playwright's web-first assertions retry until the page shows what is expected (or time out).
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task The_status_page_shows_a_visitor_that_the_service_is_up_and_no_deployment_details()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page.GetByTestId("status-database-healthy")).ToHaveTextAsync("Ha");
        await Expect(page.GetByTestId("status-application-name")).ToHaveTextAsync("VirtuOps");
        await Expect(page.GetByTestId("status-environment")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("status-tenant-count")).ToHaveCountAsync(0);
        // The dev outbox (Development) is still linked for reading codes and links.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Dev: xabarlar" })).ToBeVisibleAsync();
        // Uzbek (Latin) is the default language.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tizim holati");
    }

    [Fact]
    public async Task The_signed_in_app_and_its_live_inbox_run_under_the_content_security_policy_without_a_violation()
    {
        var page = await app.NewPageAsync();
        var cspViolations = LiveAppFixture.CspViolationsOf(page);

        var response = await page.GotoAsync("/sign-in");
        (await response!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldContain("script-src 'self';");
        await page.GetByLabel("Elektron pochta").FillAsync("demo@virtuops.uz");
        await page.GetByLabel("Parol", new() { Exact = true }).FillAsync("Demo-parol-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kirish", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Suhbatlar" }).ClickAsync();

        // The inbox's SignalR connection (a WebSocket to this origin) is up, and the bundle's style sheet applies.
        var hubState = page.GetByTestId("hub-state");
        await Expect(hubState).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("live--connected"));
        await Expect(hubState).ToHaveCSSAsync("font-size", "14px");
        cspViolations.ShouldBeEmpty();
    }

    [Fact]
    public async Task Swagger_ui_shows_the_api_under_its_own_policy_without_a_violation()
    {
        var page = await app.NewPageAsync();
        var cspViolations = LiveAppFixture.CspViolationsOf(page);

        await page.GotoAsync("/swagger");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "VirtuOps API" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        cspViolations.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_side_route_loaded_directly_is_served_by_the_spa_fallback()
    {
        var page = await app.NewPageAsync();

        var response = await page.GotoAsync("/demo");

        response!.Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demo soʻrash");
    }

    [Fact]
    public async Task The_demo_form_shows_the_servers_field_errors_then_accepts_a_corrected_request()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/demo");

        await page.GetByLabel("Ism va familiya").FillAsync("Jasur Toshmatov");
        await page.GetByLabel("Elektron pochta").FillAsync("jasur-at-example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Soʻrov yuborish" }).ClickAsync();

        await Expect(page.GetByTestId("error-email")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-companyName")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-fullName")).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Ism va familiya")).ToHaveValueAsync("Jasur Toshmatov");

        await page.GetByLabel("Elektron pochta").FillAsync("jasur@example.uz");
        await page.GetByLabel("Kompaniya nomi").FillAsync("Samarqand Non");
        await page.GetByRole(AriaRole.Button, new() { Name = "Soʻrov yuborish" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rahmat!" })).ToBeVisibleAsync();
        var stored = await app.QueryDatabaseAsync(db => db.DemoRequests.CountAsync(r => r.Email == "jasur@example.uz" && r.CompanyName == "Samarqand Non"));
        stored.ShouldBe(1);
    }

    [Fact]
    public async Task Switching_to_russian_translates_the_page_and_survives_a_reload()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("status-database-healthy")).ToHaveTextAsync("Ha");

        await page.GetByLabel("Til").SelectOptionAsync("ru");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Tizim holati");
        var russianTitle = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();

        await page.ReloadAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(russianTitle!);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
    }
}
