using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Domain.Common;

namespace VirtuOps.Infrastructure.Data;

/// <summary>
/// Statistics for SQLite's query planner. Every tenant query carries the tenant filter (<c>TenantId = @t</c>), and
/// without statistics SQLite takes that equality to be as selective as any other: it read a conversation's messages, a
/// status webhook's message and a customer's conversation through the indexes that start with <c>TenantId</c>, that is
/// through all of the tenant's rows, so every webhook slowed down as the tenant grew (bench/Erasure.Load/RESULTS.md).
/// So: measured statistics wherever SQLite thinks they help (<c>PRAGMA optimize</c>, whose ANALYZE samples a bounded
/// number of rows), and for an index of tenant data (<see cref="ITenantOwned"/>) that starts with <c>TenantId</c> and
/// has none yet (a new, empty database) an assumed shape, a tenant holding a large share of the table, which the next
/// ANALYZE of that table replaces. Not for the sign-in tables: a tenant has a handful of people, and assuming
/// thousands sent the back-office's owner look-up through every owner of the platform.
/// </summary>
internal static class SqlitePlannerStatistics
{
    /// <summary>Rows assumed in a table, and of one tenant, for an index without measured statistics.</summary>
    private const long AssumedRows = 1_000_000;
    private const long AssumedRowsPerTenant = 100_000;

    private sealed record TenantIndex(string Table, string Index, int Columns, bool Unique);

    public static async Task RefreshAsync(DbContext context, CancellationToken cancellationToken)
    {
        var database = context.Database;
        // One connection throughout: ANALYZE sqlite_schema reloads the statistics of the connection it runs on.
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            // 0x10002: every table, not only those this connection has queried (it has queried none).
            await database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
            if (!await database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_schema WHERE name = 'sqlite_stat1'").AnyAsync(cancellationToken))
                await database.ExecuteSqlRawAsync("ANALYZE \"__EFMigrationsHistory\";", cancellationToken); // creates sqlite_stat1

            var indexes = await database.SqlQueryRaw<TenantIndex>("""
                SELECT i.tbl_name AS "Table", i.name AS "Index", (SELECT count(*) FROM pragma_index_info(i.name)) AS "Columns",
                       l."unique" AS "Unique"
                FROM sqlite_schema AS i JOIN pragma_index_list(i.tbl_name) AS l ON l.name = i.name
                WHERE i.type = 'index'
                  AND (SELECT name FROM pragma_index_info(i.name) WHERE seqno = 0) = 'TenantId'
                  AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 AS s WHERE s.idx = i.name)
                """).ToListAsync(cancellationToken);
            var tenantTables = context.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType))
                .Select(t => t.GetTableName()).ToHashSet(StringComparer.Ordinal);
            indexes = indexes.Where(i => tenantTables.Contains(i.Table)).ToList();
            foreach (var index in indexes)
            {
                await database.ExecuteSqlAsync(
                    $"INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ({index.Table}, {index.Index}, {AssumedShape(index.Columns, index.Unique)})",
                    cancellationToken);
            }

            if (indexes.Count > 0)
                await database.ExecuteSqlRawAsync("ANALYZE sqlite_schema;", cancellationToken); // loads the new rows
        }
        finally
        {
            await database.CloseConnectionAsync();
        }

        // Other connections read statistics when they open: pooled ones are closed, so the next open reads the new ones.
        if (database.GetDbConnection() is SqliteConnection sqlite)
            SqliteConnection.ClearPool(sqlite);
    }

    /// <summary>
    /// sqlite_stat1's format: the table's rows, then the rows matching each leading run of the index's columns. A
    /// tenant matches many rows; each further column narrows it, to one row when the index is unique (a unique index
    /// on <c>TenantId</c> alone, one row per tenant, such as the subscription).
    /// </summary>
    internal static string AssumedShape(int columns, bool unique)
    {
        var perPrefix = new List<long> { AssumedRows, columns == 1 && unique ? 1 : AssumedRowsPerTenant };
        for (var column = 2; column <= columns; column++)
            perPrefix.Add(column == columns && unique ? 1 : 10);
        return string.Join(' ', perPrefix);
    }
}
