using Infrastructure.IntegrationTests.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VirtuOps.Infrastructure.Data;

namespace WebApi.BrowserTests;

/// <summary>
/// The real app on Kestrel (a free loopback port, its own SQLite file, demo data) and Debian's Chromium driven by Playwright.
/// Meta's Graph API is a local fake (<see cref="Graph"/>), so connecting WhatsApp or Instagram works without the internet.
/// </summary>
public class LiveAppFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"virtuops-bt-{Guid.NewGuid():N}.db");
    private App? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    internal FakeGraphServer Graph { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Settings a fixture of its own adds to the app's (e.g. <c>Paylov:CardBinding</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    private sealed class App(string databasePath, string baseUrl, string graphBaseUrl, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
            builder.UseEnvironment("Development");
            // Links the app builds for e-mails and for Paylov's return address must point back at this instance.
            builder.UseSetting("App:PublicBaseUrl", baseUrl);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", $"Data Source={databasePath}");
            // Export zips beside the database: apps sharing the content root must not sweep each other's files as orphans.
            builder.UseSetting("Privacy:Exports:Directory", databasePath + ".exports");
            builder.UseSetting("Database:SeedDemoData", "true");
            builder.UseSetting("Meta:GraphBaseUrl", graphBaseUrl);
        }
    }

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphServer.StartAsync();
        // The port is chosen before the app starts, so App:PublicBaseUrl can name it.
        var port = FreeLoopbackPort();
        _app = new App(_databasePath, $"http://127.0.0.1:{port}", Graph.BaseUrl, Settings);
        _app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // The test command runs the functional tests beside these on CI's two cores: a bot's first answer there took over
        // Playwright's default 5 s (seen in a fresh-clone run). Web-first assertions still pass as soon as the page is right.
        Assertions.SetDefaultExpectTimeout(15_000);

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (./test.sh does).");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from calling home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "uz-UZ" });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Collects the page's Content-Security-Policy violations from here on, across navigations: Chromium reports each
    /// on the console ("Refused to ... because it violates the following Content Security Policy directive ...").
    /// </summary>
    public static IReadOnlyCollection<string> CspViolationsOf(IPage page)
    {
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
                violations.Enqueue(message.Text);
        };
        return violations;
    }

    public async Task<T> QueryDatabaseAsync<T>(Func<ApplicationDbContext, Task<T>> query)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        if (Graph is not null)
            await Graph.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
        if (Directory.Exists(_databasePath + ".exports"))
            Directory.Delete(_databasePath + ".exports", recursive: true);
    }
}
