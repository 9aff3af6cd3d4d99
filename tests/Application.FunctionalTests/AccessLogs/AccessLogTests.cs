using System.Net;
using System.Net.Http.Json;
using VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

namespace Application.FunctionalTests.AccessLogs;

public sealed class AccessLogTests(AccessLogApp app) : IClassFixture<AccessLogApp>
{
    // The tests share one database, so each sends its own user-agent and finds its entries by it.
    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
    private const string SafariOnIphone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
    private const string FirefoxOnLinux = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0";

    private readonly HttpClient _client = app.CreateClient();

    private sealed record Page(List<AccessLogEntryDto> Items, string? NextCursor);

    private async Task<HttpResponseMessage> GetAsync(string url, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Add(VirtuOpsApiFactory.ClientIpHeader, AccessLogApp.ClientIp.ToString());
        return await _client.SendAsync(request);
    }

    [Fact]
    public async Task An_api_request_is_stored_once_with_the_client_address_parsed_browser_and_status()
    {
        (await GetAsync("/api/system/status", ChromeOnWindows)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entry = (await app.StoredEntriesAsync(e => e.UserAgent == ChromeOnWindows)).ShouldHaveSingleItem();
        entry.IpAddress.ShouldBe(AccessLogApp.ClientIp.ToString());
        (entry.Browser, entry.OperatingSystem, entry.Device).ShouldBe(("Chrome 142", "Windows 10/11", "Desktop"));
        (entry.Method, entry.Path, entry.StatusCode).ShouldBe(("GET", "/api/system/status", 200));
        entry.UserId.ShouldBeNull();
    }

    [Fact]
    public async Task Health_probes_and_swagger_leave_no_entry_while_an_api_request_beside_them_does()
    {
        const string prober = "kube-probe/1.31";
        (await GetAsync("/health/ready", prober)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("/health/live", prober)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("/swagger/v1/swagger.json", prober)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("/api/system/status", prober)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await app.StoredEntriesAsync(e => e.UserAgent == prober)).ShouldHaveSingleItem().Path.ShouldBe("/api/system/status");
    }

    [Fact]
    public async Task A_query_string_is_never_stored()
    {
        const string client = "query-string-check/1.0";

        var response = await GetAsync("/api/demo-requests?pageNumber=1&access_token=s3cr3t-t0ken", client);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var entry = (await app.StoredEntriesAsync(e => e.UserAgent == client)).ShouldHaveSingleItem();
        (entry.Path, entry.StatusCode).ShouldBe(("/api/demo-requests", 401));
        (await app.StoredEntriesAsync(e => e.Path.Contains("s3cr3t") || e.Path.Contains('?'))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_signed_in_callers_user_and_tenant_are_stored_and_each_user_sees_only_their_own_requests()
    {
        using var dilnoza = new SpaClient(app, SafariOnIphone);
        dilnoza.Http.DefaultRequestHeaders.Add(VirtuOpsApiFactory.ClientIpHeader, AccessLogApp.ClientIp.ToString());
        await dilnoza.RegisterVerifiedOwnerAsync("dilnoza-log@example.uz", "+998901000070");
        using var aziz = new SpaClient(app, FirefoxOnLinux);
        await aziz.RegisterVerifiedOwnerAsync("aziz-log@example.uz", "+998901000071");
        var azizAccount = (await aziz.GetAsync<VirtuOps.Application.Accounts.Queries.GetCurrentAccount.CurrentAccountDto>("/api/account/me"))!;
        (await aziz.Http.GetAsync("/api/demo-requests")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var azizEntry = (await app.StoredEntriesAsync(e => e.UserId == azizAccount.UserId && e.Path == "/api/demo-requests")).ShouldHaveSingleItem();
        (azizEntry.TenantId, azizEntry.StatusCode).ShouldBe((azizAccount.TenantId, 403));

        var page = await dilnoza.GetAsync<Page>("/api/account/access-log?limit=100");
        page.ShouldNotBeNull().Items.ShouldNotBeEmpty();
        page.Items.ShouldAllBe(e => e.Browser == "Safari 18" && e.Device == "iPhone" && e.IpAddress == "203.0.113.7");
        page.Items.ShouldContain(e => e.Path == "/api/account/phone/verify");
    }

    [Fact]
    public async Task An_anonymous_caller_gets_a_401_problem_for_my_access_log()
    {
        var response = await GetAsync("/api/account/access-log", "curl/8.5.0");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
