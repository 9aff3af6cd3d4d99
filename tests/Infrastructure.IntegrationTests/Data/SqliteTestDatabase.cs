using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace Infrastructure.IntegrationTests.Data;

/// <summary>A fresh SQLite file per test, deleted afterwards.</summary>
internal sealed class SqliteTestDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"virtuops-it-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_path}";

    public SqliteApplicationDbContext CreateContext(params IInterceptor[] interceptors) =>
        CreateContext(NoCurrentUser.Instance, interceptors);

    public SqliteApplicationDbContext CreateContext(ICurrentUser currentUser, params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteApplicationDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(interceptors)
            .Options, new CurrentTenant(currentUser));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_path + suffix);
    }
}
