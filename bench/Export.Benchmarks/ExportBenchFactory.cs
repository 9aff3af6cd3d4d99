using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Export.Benchmarks;

/// <summary>The app on a fresh SQLite file, with no background workers: the benchmark builds the export itself.</summary>
internal sealed class ExportBenchFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"virtuops-export-bench-{Guid.NewGuid():N}.db");

    public string ExportDirectory { get; } = Path.Combine(Path.GetTempPath(), $"virtuops-export-bench-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(WebApiContentRoot());
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Privacy:Exports:Directory", ExportDirectory);
        builder.UseSetting("Privacy:Exports:RunWorker", "false");
        builder.UseSetting("Billing:RunRenewalJob", "false");
        builder.UseSetting("Channels:Delivery:RunWorker", "false");
        builder.UseSetting("Channels:Inbound:RunProcessor", "false");
        // A throwaway key rather than the per-machine development key file under WebApi/data.
        builder.UseSetting("Security:Encryption:Keys:bench", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Security:Encryption:CurrentKeyId", "bench");
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
            File.Delete(DatabasePath + suffix);
        if (Directory.Exists(ExportDirectory))
            Directory.Delete(ExportDirectory, recursive: true);
    }
}
