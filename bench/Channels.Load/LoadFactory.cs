using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using VirtuOps.WebApi.Endpoints;

namespace Channels.Load;

/// <summary>
/// The real app (its whole service collection and start-up) on Kestrel on a real loopback port, on a fresh SQLite file
/// on disk, with the bare yardstick endpoint switched on.
/// </summary>
internal sealed class LoadFactory : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"virtuops-channels-load-{Guid.NewGuid():N}.db");
    private readonly bool _runProcessor;
    private readonly string _providerBaseUrl;

    public LoadFactory(bool runProcessor, string providerBaseUrl)
    {
        _runProcessor = runProcessor;
        _providerBaseUrl = providerBaseUrl;
        Port = FreePort();
        UseKestrel(Port);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSolutionRelativeContentRoot("WebApi", "CleanArch.sln");
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={_databasePath}");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Billing:RunRenewalJob", "false");
        builder.UseSetting("Channels:Inbound:RunProcessor", _runProcessor ? "true" : "false");
        builder.UseSetting(ChannelWebhooks.BareEndpointSetting, "true");
        // The bot's answers are sent to a local stand-in that accepts them: nothing leaves the machine.
        builder.UseSetting("Telegram:BaseUrl", _providerBaseUrl);
        builder.UseSetting("Meta:GraphBaseUrl", $"{_providerBaseUrl}/v21.0");
        // A throwaway key rather than the per-machine development key file under WebApi/data.
        builder.UseSetting("Security:Encryption:Keys:bench", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Security:Encryption:CurrentKeyId", "bench");
        // Per-request Information lines would measure the console, not the webhook path.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.StaticFiles", "Error"); // no SPA build here: no wwwroot
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }
}
