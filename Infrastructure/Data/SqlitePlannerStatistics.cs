using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace VirtuOps.Infrastructure.Data;

/// <summary>
/// Statistics for SQLite's query planner. Every tenant query carries the tenant filter (<c>TenantId = @t</c>), and
/// without statistics SQLite takes that equality to be as selective as any other: it read a conversation's messages, a
/// status webhook's message and a customer's conversation through the indexes that start with <c>TenantId</c>, that is
/// through all of the tenant's rows, so every webhook slowed down as the tenant grew (bench/Erasure.Load/RESULTS.md).
/// So: measured statistics wherever SQLite thinks they help (<c>PRAGMA optimize</c>, whose ANALYZE samples a bounded
/// number of rows), and for an index that starts with <c>TenantId</c> and has none yet (a new, empty database) an
/// assumed shape, a tenant holding a large share of the table, which the next ANALYZE of that table replaces.
/// </summary>
internal static class SqlitePlannerStatistics
{
    /// <summary>Rows assumed in a table, and of one tenant, for an index without measured statistics.</summary>
    private const long AssumedRows = 1_000_000;
    private const long AssumedRowsPerTenant = 100_000;

    public static async Task RefreshAsync(DbContext context, CancellationToken cancellationToken)
    {
        var connection = context.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
            await connection.OpenAsync(cancellationToken);
        try
        {
            // 0x10002: every table, not only those this connection has queried (it has queried none).
            await ExecuteAsync(connection, "PRAGMA optimize=0x10002;", cancellationToken);
            if (await ScalarAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1';", cancellationToken) == 0)
                await ExecuteAsync(connection, "ANALYZE \"__EFMigrationsHistory\";", cancellationToken); // creates sqlite_stat1

            var assumed = 0;
            foreach (var (table, index, columns, unique) in await TenantIndexesWithoutStatisticsAsync(connection, cancellationToken))
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ($table, $index, $stat);";
                AddParameter(insert, "$table", table);
                AddParameter(insert, "$index", index);
                AddParameter(insert, "$stat", AssumedShape(columns, unique));
                assumed += await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (assumed > 0)
                await ExecuteAsync(connection, "ANALYZE sqlite_schema;", cancellationToken); // loads the new rows
        }
        finally
        {
            if (opened)
                await connection.CloseAsync();
        }

        // Other connections read statistics when they open: pooled ones are closed, so the next open reads the new ones.
        if (connection is SqliteConnection sqlite)
            SqliteConnection.ClearPool(sqlite);
    }

    /// <summary>
    /// sqlite_stat1's format: the table's rows, then the rows matching each leading run of the index's columns. A
    /// tenant matches many rows; each further column narrows it, to one row when the index is unique.
    /// </summary>
    internal static string AssumedShape(int columns, bool unique)
    {
        var perPrefix = new List<long> { AssumedRows, AssumedRowsPerTenant };
        for (var column = 2; column <= columns; column++)
            perPrefix.Add(column == columns && unique ? 1 : 10);
        return string.Join(' ', perPrefix);
    }

    private static async Task<List<(string Table, string Index, int Columns, bool Unique)>> TenantIndexesWithoutStatisticsAsync(
        DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT i.tbl_name, i.name, (SELECT count(*) FROM pragma_index_info(i.name)), l."unique"
            FROM sqlite_schema AS i JOIN pragma_index_list(i.tbl_name) AS l ON l.name = i.name
            WHERE i.type = 'index'
              AND (SELECT name FROM pragma_index_info(i.name) WHERE seqno = 0) = 'TenantId'
              AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 AS s WHERE s.idx = i.name);
            """;
        var indexes = new List<(string, string, int, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            indexes.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3) == 1));
        return indexes;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
