using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using VirtuOps.Domain.Channels;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Inserts new inbox rows with multi-row <c>INSERT</c>s in the context's current transaction, bypassing EF's change
/// tracking and save pipeline, which cost more than the insert itself on the acknowledgement path. Table, columns and
/// value conversions come from the EF model, so the SQL follows renames and mappings. The caller stamps what the save
/// interceptors would (audit columns; the tenant is set when the event is received).
/// </summary>
internal sealed class InboundEventInsert
{
    // Small commands: SQLite finds each named parameter by a linear search of the statement's names, so a command's
    // binding cost grows with the square of its rows (it showed in profiles at 30 rows); SQL Server caps a command at
    // 2,100 parameters anyway.
    private const int RowsPerCommand = 8;

    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string _insertInto;
    private readonly string _onConflict;
    private readonly ISqlGenerationHelper _sql;

    private InboundEventInsert(DbContext context)
    {
        var entityType = context.Model.FindEntityType(typeof(InboundEvent))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _columns = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
        if (_columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException($"InboundEvent.{shadow.Name} is a shadow property: the raw insert cannot read it.");
        _mappings = _columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        _sql = context.GetService<ISqlGenerationHelper>();
        _insertInto = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.Schema)} " +
                      $"({string.Join(", ", _columns.Select(p => _sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        // SQLite skips events already stored in the statement itself (no read first). SQL Server has no such clause:
        // the caller checks first, and a concurrent duplicate fails the commit, which the caller retries.
        SkipsDuplicates = context.Database.IsSqlite();
        _onConflict = SkipsDuplicates ? " ON CONFLICT DO NOTHING" : "";
    }

    /// <summary>True when <see cref="ExecuteAsync"/> itself skips events already stored.</summary>
    public bool SkipsDuplicates { get; }

    public static InboundEventInsert For(DbContext context) => new(context);

    /// <summary>Inserts <paramref name="events"/> (each key once) in the context's current transaction.</summary>
    public async Task ExecuteAsync(DbContext context, IReadOnlyList<InboundEvent> events)
    {
        var connection = context.Database.GetDbConnection();
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The inbox insert runs in the commit's transaction.");
        for (var start = 0; start < events.Count; start += RowsPerCommand)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(_insertInto);
            var end = Math.Min(start + RowsPerCommand, events.Count);
            for (var row = start; row < end; row++)
            {
                text.Append(row == start ? "(" : ", (");
                for (var column = 0; column < _columns.Length; column++)
                {
                    var name = _sql.GenerateParameterName($"p{command.Parameters.Count}");
                    var value = _columns[column].GetGetter().GetClrValue(events[row]);
                    // The type mapping applies the value converter and the provider's parameter settings, as EF would.
                    command.Parameters.Add(_mappings[column].CreateParameter(command, name, value, _columns[column].IsNullable));
                    text.Append(column == 0 ? name : $", {name}");
                }

                text.Append(')');
            }

            command.CommandText = text.Append(_onConflict).ToString();
            await command.ExecuteNonQueryAsync();
        }
    }
}
