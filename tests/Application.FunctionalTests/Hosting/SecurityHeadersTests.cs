using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Application.FunctionalTests.Hosting;

/// <summary>
/// The app with a small built SPA of its own in a temporary web root (the real bundle is built only for the browser
/// tests, which run it under the same policy).
/// </summary>
public sealed class SpaFilesApiFactory : VirtuOpsApiFactory
{
    private readonly string _webRoot = Directory.CreateTempSubdirectory("virtuops-ft-wwwroot-").FullName;

    public SpaFilesApiFactory()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        File.WriteAllText(Path.Combine(_webRoot, "index.html"), """
            <!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>
            """);
        File.WriteAllText(Path.Combine(_webRoot, "assets", "app.js"), "document.getElementById('root').textContent = 'VirtuOps';");
    }

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseWebRoot(_webRoot);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }
}

/// <summary>Production behind a proxy at 10.0.0.5 that terminates TLS, with the public HTTPS port known.</summary>
public sealed class ProxiedProductionApiFactory : ProductionApiFactory
{
    public const string Proxy = "10.0.0.5";

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        builder.UseSetting("https_port", "443");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
    }
}

public sealed class SecurityHeadersTests(SpaFilesApiFactory app) : IClassFixture<SpaFilesApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/inbox", "text/html")]
    [InlineData("/assets/app.js", "text/javascript")]
    [InlineData("/api/system/status", "application/json")]
    [InlineData("/api/bots", "application/problem+json")]
    [InlineData("/api/no-such-thing", "application/problem+json")]
    public async Task Every_kind_of_response_forbids_sniffing_framing_and_anything_but_our_own_script_files(string path, string mediaType)
    {
        var response = await _client.GetAsync(path);

        response.Content.Headers.ContentType?.MediaType.ShouldBe(mediaType);
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
        Header(response, "X-Frame-Options").ShouldBe("DENY");
        Header(response, "Referrer-Policy").ShouldBe("strict-origin-when-cross-origin");
        var csp = Directives(response);
        csp["script-src"].ShouldBe("'self'");
        csp["style-src"].ShouldBe("'self'");
        csp["default-src"].ShouldBe("'self'");
        csp["frame-ancestors"].ShouldBe("'none'");
        csp["object-src"].ShouldBe("'none'");
    }

    [Fact]
    public async Task Swagger_ui_may_use_inline_styles_and_data_images_but_still_only_our_own_scripts()
    {
        var response = await _client.GetAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = Directives(response);
        (csp["script-src"], csp["style-src"], csp["img-src"], csp["frame-ancestors"])
            .ShouldBe(("'self'", "'self' 'unsafe-inline'", "'self' data:", "'none'"));
        Header(response, "X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Fact]
    public async Task Development_answers_plain_http_without_hsts_or_a_redirect()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://virtuops.test"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task Outside_development_plain_http_is_redirected_and_https_through_the_configured_proxy_gets_hsts()
    {
        await using var production = new ProxiedProductionApiFactory();
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://virtuops.test"), AllowAutoRedirect = false });

        var plain = await client.GetAsync("/health/live");
        var viaProxy = await SendAsync(client, ProxiedProductionApiFactory.Proxy, proto: "https");
        var notOurProxy = await SendAsync(client, "198.51.100.9", proto: "https");

        plain.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
        plain.Headers.Location.ShouldBe(new Uri("https://virtuops.test/health/live"));
        viaProxy.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(viaProxy, "Strict-Transport-Security").ShouldStartWith("max-age=");
        Header(viaProxy, "X-Content-Type-Options").ShouldBe("nosniff");
        // Anyone else claiming the request came over HTTPS is not believed.
        notOurProxy.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string from, string proto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(VirtuOpsApiFactory.ClientIpHeader, from);
        request.Headers.Add("X-Forwarded-Proto", proto);
        return await client.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        (Header(response, "Content-Security-Policy") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "");
}
