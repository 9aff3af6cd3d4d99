using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Data;

/// <summary>
/// The gate is the tenant's row. The transaction first writes it, and a written row stays locked until commit in any
/// database (SQL Server: an exclusive row lock; SQLite: its single write lock), so a racing request waits at that
/// write and then counts what the first one committed. Several instances share the gate because the database holds it.
/// </summary>
internal sealed class TenantLimitGate(ApplicationDbContext context, ICurrentTenant currentTenant) : ITenantLimitGate
{
    /// <summary>A shadow column of the tenant's row, counting the limited inserts; writing it takes the lock.</summary>
    public const string LimitedInsertsColumn = "LimitedInserts";

    public Task<T> RunAsync<T>(Func<Task<T>> checkAndSave, CancellationToken cancellationToken)
    {
        var tenantId = currentTenant.Id ?? throw new InvalidOperationException("Plan limits belong to a tenant; this request has none.");
        // Inside the execution strategy: SQL Server's retries on transient failures refuse a transaction begun outside it.
        return context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            await context.Tenants.Where(t => t.Id == tenantId).ExecuteUpdateAsync(s => s.SetProperty(
                t => EF.Property<long>(t, LimitedInsertsColumn), t => EF.Property<long>(t, LimitedInsertsColumn) + 1), cancellationToken);
            var result = await checkAndSave();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}
