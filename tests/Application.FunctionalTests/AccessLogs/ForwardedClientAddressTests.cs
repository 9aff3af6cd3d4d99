using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Application.FunctionalTests.AccessLogs;

/// <summary>The app behind a reverse proxy at 10.0.0.5 (configured), with other addresses calling it directly.</summary>
public sealed class ProxiedAccessLogApp : AccessLogApp
{
    public const string Proxy = "10.0.0.5";

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
}

public sealed class ForwardedClientAddressTests(ProxiedAccessLogApp app) : IClassFixture<ProxiedAccessLogApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<string?> LoggedAddressAsync(string from, string forwardedFor, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system/status");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Headers.Add(VirtuOpsApiFactory.ClientIpHeader, from);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        (await _client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await app.StoredEntriesAsync(e => e.UserAgent == userAgent)).ShouldHaveSingleItem().IpAddress;
    }

    [Fact]
    public async Task Through_the_configured_proxy_the_access_log_records_the_forwarded_client_address()
    {
        (await LoggedAddressAsync(ProxiedAccessLogApp.Proxy, "203.0.113.7", "via-proxy/1.0")).ShouldBe("203.0.113.7");
        // A client that adds its own X-Forwarded-For before the proxy appends the real one does not choose its address.
        (await LoggedAddressAsync(ProxiedAccessLogApp.Proxy, "192.0.2.1, 203.0.113.8", "spoof-via-proxy/1.0")).ShouldBe("203.0.113.8");
    }

    [Fact]
    public async Task From_any_other_address_a_forwarded_address_is_ignored()
    {
        (await LoggedAddressAsync("198.51.100.9", "203.0.113.7", "direct/1.0")).ShouldBe("198.51.100.9");
        // Not even loopback is trusted unless configured.
        (await LoggedAddressAsync("127.0.0.1", "203.0.113.7", "loopback/1.0")).ShouldBe("127.0.0.1");
    }
}
