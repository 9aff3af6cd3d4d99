using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests;

/// <summary>
/// The real app over HTTP, on its own SQLite file (one per test class), migrated and seeded as in Development,
/// with a clock the tests move by hand.
/// </summary>
public class VirtuOpsApiFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath;

    public VirtuOpsApiFactory()
        : this(Path.Combine(Path.GetTempPath(), $"virtuops-ft-{Guid.NewGuid():N}.db"))
    {
    }

    /// <summary>An app on an existing database file: a restart of an earlier app.</summary>
    protected VirtuOpsApiFactory(string databasePath) => _databasePath = databasePath;

    /// <summary>Keep the database file when this app is disposed, so a "restarted" app can open it.</summary>
    public bool KeepDatabase { get; set; }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string DatabasePath => _databasePath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databasePath}");
        builder.UseSetting("Database:SeedDemoData", "true");
        // Export zips beside the database: apps sharing the content root must not sweep each other's files as orphans.
        builder.UseSetting("Privacy:Exports:Directory", _databasePath + ".exports");
        // Tests run renewals themselves, at the moments they choose on their clock.
        builder.UseSetting("Billing:RunRenewalJob", "false");
        // ...and deliver outgoing channel messages themselves (or turn the worker on), so nothing is sent unasked.
        builder.UseSetting("Channels:Delivery:RunWorker", "false");
        builder.UseSetting("Channels:Delivery:MinPassInterval", "00:00:00"); // the clock is fake: only a test moves it
        // Nothing reaches the real Telegram or Meta: a closed local port unless a test points them at its fakes.
        builder.UseSetting("Telegram:BaseUrl", "http://127.0.0.1:9");
        builder.UseSetting("Meta:GraphBaseUrl", "http://127.0.0.1:9/v21.0");
        // ...and process the webhook inbox themselves, so they see each step.
        builder.UseSetting("Channels:Inbound:RunProcessor", "false");
        // Every sign-up e-mails its address, and test classes sign up many owners from one address; the e-mail limit
        // is RateLimitTests' business.
        builder.UseSetting("RateLimits:EmailsPerTenMinutes", "1000");
        // Tests make many requests with one API key on a clock that stands still; the per-key limit is
        // ApiKeyRateLimitTests' business.
        builder.UseSetting("Plans:DefaultApiRequestsPerMinute", "100000");
        foreach (var plan in Enumerable.Range(0, 3))
            builder.UseSetting($"Billing:Plans:{plan}:ApiRequestsPerMinute", "100000");
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            services.AddSingleton<IStartupFilter, ClientIpStartupFilter>();
        });
        ConfigureSettings(builder);
    }

    /// <summary>For factories that need other settings (e.g. lower rate limits).</summary>
    protected virtual void ConfigureSettings(IWebHostBuilder builder)
    {
    }

    public const string ClientIpHeader = "X-Test-Client-Ip";

    /// <summary>
    /// The test server has no network connection, so it has no remote IP address; this gives each request one
    /// (from <see cref="ClientIpHeader"/>, else 127.0.0.1) so IP-based records and limits behave as in production.
    /// </summary>
    private sealed class ClientIpStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[ClientIpHeader], out var ip) ? ip : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public async Task<T> QueryDatabaseAsync<T>(Func<ApplicationDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!KeepDatabase)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_databasePath + suffix);
            if (Directory.Exists(_databasePath + ".exports"))
                Directory.Delete(_databasePath + ".exports", recursive: true);
        }
        GC.SuppressFinalize(this);
    }
}
