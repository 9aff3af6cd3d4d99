using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VirtuOps.Infrastructure.Data.Interceptors;

/// <summary>
/// Lets SQLite itself wait for a busy write lock (<c>PRAGMA busy_timeout</c>, fine-grained backoff inside the library)
/// instead of failing at once with SQLITE_BUSY, which Microsoft.Data.Sqlite answers by sleeping a whole retry interval:
/// with many concurrent writers (the renewal job) that turned a sub-millisecond lock wait into long stalls.
/// Also turns on <c>secure_delete</c> (a per-connection setting): deleted rows and freed pages are overwritten with
/// zeros, so an erased person's data cannot be read back from the file (see docs/decisions/0007-erasure.md).
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
