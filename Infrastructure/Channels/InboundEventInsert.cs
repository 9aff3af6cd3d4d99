using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using VirtuOps.Domain.Channels;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Inserts new inbox rows with parameterised <c>INSERT</c>s in the context's current transaction, bypassing EF's change
/// tracking and save pipeline, which cost more than the insert itself on the acknowledgement path. Table, columns and
/// value conversions come from the EF model, so the SQL follows renames and mappings. The caller stamps what the save
/// interceptors would (audit columns; the tenant is set when the event is received).
/// </summary>
internal sealed class InboundEventInsert
{
    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly int _rowsPerCommand;
    private readonly string[] _parameterNames; // row by row, column by column
    private readonly string[] _commandTexts; // by number of rows

    private InboundEventInsert(DbContext context)
    {
        var entityType = context.Model.FindEntityType(typeof(InboundEvent))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _columns = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToArray();
        if (_columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException($"InboundEvent.{shadow.Name} is a shadow property: the raw insert cannot read it.");
        _mappings = _columns.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var sql = context.GetService<ISqlGenerationHelper>();
        var insertInto = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
                         $"({string.Join(", ", _columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        // SQLite skips events already stored in the statement itself (no read first). SQL Server has no such clause:
        // the caller checks first, and a concurrent duplicate fails the commit, which the caller retries.
        SkipsDuplicates = context.Database.IsSqlite();
        var onConflict = SkipsDuplicates ? " ON CONFLICT DO NOTHING" : "";
        // SQLite: one row per statement, prepared once per commit and run for each row. It is in-process, so rows per
        // statement save no round trips, and it finds each named parameter by a linear search of the statement's
        // names, so binding a multi-row statement costs the square of its rows (8 rows: ~3 % of the webhook path's
        // CPU in strncmp). SQL Server: a few rows per statement save round trips (and it caps one at 2,100 parameters).
        _rowsPerCommand = SkipsDuplicates ? 1 : 8;
        _parameterNames = Enumerable.Range(0, _rowsPerCommand * _columns.Length).Select(i => sql.GenerateParameterName($"p{i}")).ToArray();
        _commandTexts = Enumerable.Range(0, _rowsPerCommand + 1).Select(rows => CommandText(insertInto, rows, onConflict)).ToArray();
    }

    /// <summary>True when <see cref="ExecuteAsync"/> itself skips events already stored.</summary>
    public bool SkipsDuplicates { get; }

    public static InboundEventInsert For(DbContext context) => new(context);

    /// <summary>Inserts <paramref name="events"/> (each key once) in the context's current transaction.</summary>
    public async Task ExecuteAsync(DbContext context, IReadOnlyList<InboundEvent> events)
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The inbox insert runs in the commit's transaction.");
        // One command for the whole batch: it keeps its prepared statement while its text stays the same.
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        for (var start = 0; start < events.Count; start += _rowsPerCommand)
        {
            var rows = Math.Min(_rowsPerCommand, events.Count - start);
            if (!ReferenceEquals(command.CommandText, _commandTexts[rows]))
                command.CommandText = _commandTexts[rows];
            command.Parameters.Clear();
            for (var row = 0; row < rows; row++)
            {
                for (var column = 0; column < _columns.Length; column++)
                {
                    var value = _columns[column].GetGetter().GetClrValue(events[start + row]);
                    // The type mapping applies the value converter and the provider's parameter settings, as EF would.
                    command.Parameters.Add(_mappings[column].CreateParameter(command, _parameterNames[row * _columns.Length + column], value, _columns[column].IsNullable));
                }
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    private string CommandText(string insertInto, int rows, string onConflict)
    {
        var text = new StringBuilder(insertInto);
        for (var row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            text.AppendJoin(", ", _parameterNames.Skip(row * _columns.Length).Take(_columns.Length));
            text.Append(')');
        }

        return text.Append(onConflict).ToString();
    }
}
