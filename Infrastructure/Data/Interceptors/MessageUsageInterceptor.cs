using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using VirtuOps.Application.Billing.Usage;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Infrastructure.Data.Interceptors;

/// <summary>
/// Adds the answers a save inserts (those in <see cref="CountedAnswers"/>) to their tenant's <see cref="MessageUsage"/>
/// row in the same transaction as the insert: the save is made to use a transaction, and the row is upserted with a
/// relative increment as that transaction starts (or at once, inside a transaction the caller began). A rolled-back
/// save counts nothing; racing saves add up because the database applies each increment to the row as committed.
/// Being the save's own transaction, it runs inside the execution strategy, so SQL Server's retries repeat it whole.
/// </summary>
internal sealed class MessageUsageInterceptor(CountedAnswers counted) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private List<Message> _saving = [];
    private bool _forcedTransaction;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Collect(context) && context.Database.CurrentTransaction is { } transaction)
            await IncrementAsync(context, context.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Collect(context) && context.Database.CurrentTransaction is { } transaction)
            IncrementAsync(context, context.Database.GetDbConnection(), transaction.GetDbTransaction(), CancellationToken.None).GetAwaiter().GetResult();
        return base.SavingChanges(eventData, result);
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        if (_saving.Count > 0 && eventData.Context is { } context)
            await IncrementAsync(context, connection, result, cancellationToken);
        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (_saving.Count > 0 && eventData.Context is { } context)
            IncrementAsync(context, connection, result, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context, saved: true);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Done(eventData.Context, saved: true);
        return base.SavedChanges(eventData, result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Done(eventData.Context, saved: false);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Done(eventData.Context, saved: false);
        base.SaveChangesFailed(eventData);
    }

    /// <summary>The counted answers this save inserts; when there are any, the save gets a transaction even for a single statement.</summary>
    private bool Collect(DbContext context)
    {
        _saving = [.. context.ChangeTracker.Entries<Message>().Where(e => e.State == EntityState.Added && counted.Contains(e.Entity)).Select(e => e.Entity)];
        if (_saving.Count > 0 && context.Database.AutoTransactionBehavior != AutoTransactionBehavior.Always)
        {
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
            _forcedTransaction = true;
        }

        return _saving.Count > 0;
    }

    private void Done(DbContext? context, bool saved)
    {
        // Saved answers are in the row now; unsaved ones stay pending for a save that stores them.
        if (saved)
            counted.Forget(_saving);
        _saving = [];
        if (_forcedTransaction && context is not null)
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        _forcedTransaction = false;
    }

    private async Task IncrementAsync(DbContext context, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var sqlite = context.Database.IsSqlite();
        foreach (var group in _saving.GroupBy(m => (m.TenantId, Month: MessageUsage.MonthOf(m.SentAt))))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sqlite ? MessageUsageSql.SqliteUpsert : MessageUsageSql.SqlServerUpsert;
            AddParameter(context, command, "@id", Guid.CreateVersion7());
            AddParameter(context, command, "@tenantId", group.Key.TenantId);
            AddParameter(context, command, "@month", group.Key.Month);
            AddParameter(context, command, "@answers", group.Count());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Through the provider's own type mapping, so a Guid is stored as the model stores it (SQLite: upper-case text).
    private static void AddParameter<T>(DbContext context, DbCommand command, string name, T value) =>
        command.Parameters.Add(context.GetService<IRelationalTypeMappingSource>().FindMapping(typeof(T))!.CreateParameter(command, name, value));
}

/// <summary>The table and the two providers' upserts: insert the month's row, or add to it if it exists.</summary>
internal static class MessageUsageSql
{
    public const string Table = "MessageUsages";

    public const string SqliteUpsert = """
        INSERT INTO "MessageUsages" ("Id", "TenantId", "Month", "Answers", "WarnedPercent") VALUES (@id, @tenantId, @month, @answers, 0)
        ON CONFLICT ("TenantId", "Month") DO UPDATE SET "Answers" = "Answers" + excluded."Answers";
        """;

    // UPDLOCK + HOLDLOCK keep the key range locked from the update to the insert, so two first answers cannot both insert.
    public const string SqlServerUpsert = """
        UPDATE [MessageUsages] WITH (UPDLOCK, HOLDLOCK) SET [Answers] = [Answers] + @answers WHERE [TenantId] = @tenantId AND [Month] = @month;
        IF @@ROWCOUNT = 0
            INSERT INTO [MessageUsages] ([Id], [TenantId], [Month], [Answers], [WarnedPercent]) VALUES (@id, @tenantId, @month, @answers, 0);
        """;
}
