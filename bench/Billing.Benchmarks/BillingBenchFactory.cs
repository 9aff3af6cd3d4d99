using System.Globalization;
using System.Security.Cryptography;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;

namespace Billing.Benchmarks;

/// <summary>
/// The real app (its whole service collection and start-up: migrations, options validation, hosted services) on a
/// fresh SQLite file, with Paylov pointed at the fake and the renewal job left to the script.
/// </summary>
internal sealed class BillingBenchFactory(string paylovBaseUrl, int concurrency) : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"virtuops-bench-{Guid.NewGuid():N}.db");

    /// <summary>Every e-mail the app sends, counted on its way to the dev outbox (which keeps only the newest).</summary>
    public CountingEmailSender Mail { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureServices(services => services.AddSingleton<IEmailSender>(Mail));
        // Development: receipts and other e-mails go to the in-memory dev outbox.
        builder.UseContentRoot(WebApiContentRoot());
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databasePath}");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Billing:RunRenewalJob", "false");
        builder.UseSetting("Billing:ChargeConcurrency", concurrency.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Paylov:BaseUrl", paylovBaseUrl);
        builder.UseSetting("Paylov:ConsumerKey", FakePaylovServer.ConsumerKey);
        builder.UseSetting("Paylov:ConsumerSecret", FakePaylovServer.ConsumerSecret);
        builder.UseSetting("Paylov:UserName", FakePaylovServer.UserName);
        builder.UseSetting("Paylov:Password", FakePaylovServer.Password);
        builder.UseSetting("Paylov:CallbackUserName", FakePaylovServer.CallbackUserName);
        builder.UseSetting("Paylov:CallbackPassword", FakePaylovServer.CallbackPassword);
        // A throwaway key rather than the per-machine development key file under WebApi/data.
        builder.UseSetting("Security:Encryption:Keys:bench", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Security:Encryption:CurrentKeyId", "bench");
        // Per-charge Information lines (two per renewal) would measure the console, not the renewal code.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.StaticFiles", "Error"); // no SPA build here: no wwwroot
    }

    /// <summary>The WebApi project folder, found by walking up from the build output to the solution.</summary>
    private static string WebApiContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CleanArch.sln")))
                return Path.Combine(dir.FullName, "WebApi");
        }

        throw new InvalidOperationException("CleanArch.sln was not found above the benchmark's output folder.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}

internal sealed class CountingEmailSender : IEmailSender
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _receipts = new(StringComparer.Ordinal);

    /// <summary>Distinct addresses that were sent a payment receipt.</summary>
    public int ReceiptRecipients => _receipts.Count;

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (message.Subject.Contains("Payment receipt", StringComparison.Ordinal))
            _receipts.AddOrUpdate(message.To, 1, (_, sent) => sent + 1);
        return Task.CompletedTask;
    }
}
