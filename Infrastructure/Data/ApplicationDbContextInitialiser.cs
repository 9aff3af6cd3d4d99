using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VirtuOps.Infrastructure.Data;

/// <summary>Brings the embedded database up to date on start and fills an empty one with demo data.</summary>
public sealed class ApplicationDbContextInitialiser(
    ApplicationDbContext context,
    IOptions<DatabaseOptions> options,
    DemoDataSeeder demoDataSeeder,
    ILogger<ApplicationDbContextInitialiser> logger)
{
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider != DatabaseProvider.Sqlite)
        {
            // Production databases are migrated by the deployment with the idempotent script, never by the app.
            logger.LogInformation("Database provider {Provider}: migrations are applied by the deployment", options.Value.Provider);
            return;
        }

        await context.Database.MigrateAsync(cancellationToken);
        // Write-ahead logging lets readers work while a writer commits; the setting is stored in the file.
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        if (options.Value.SeedDemoData)
            await demoDataSeeder.SeedAsync(cancellationToken);
        await SqlitePlannerStatistics.RefreshAsync(context, cancellationToken);
    }
}
