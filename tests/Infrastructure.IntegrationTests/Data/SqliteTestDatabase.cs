using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VirtuOps.Infrastructure.Data;

namespace Infrastructure.IntegrationTests.Data;

/// <summary>A fresh SQLite file per test, deleted afterwards.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"virtuops-it-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_path}";

    public SqliteApplicationDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteApplicationDbContext>()
            .UseSqlite(ConnectionString)
            // TEMPORARY (branch access-logs): AccessLogs has no migration until migrations are regenerated after the
            // merge with the sign-in work, and EF refuses to migrate a model with pending changes. Remove then;
            // MigrationTests still reports the gap meanwhile.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning))
            .AddInterceptors(interceptors)
            .Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
    }
}
