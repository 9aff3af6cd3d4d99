using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;

namespace VirtuOps.Application.Billing.Renewals;

/// <summary>
/// Sent by the daily billing job after the renewals: issues and e-mails every receipt still pending (the receipt rows
/// are the outbox), new ones and those an earlier run failed to deliver. Returns how many were delivered.
/// </summary>
public sealed record IssuePendingReceiptsCommand : ICommand<int>;

public sealed class IssuePendingReceiptsCommandHandler(IApplicationDbContext context, IServiceScopeFactory scopes, IOptions<BillingOptions> options)
    : ICommandHandler<IssuePendingReceiptsCommand, int>
{
    /// <summary>Receipts per transaction: a crash repeats at most this many e-mails (Paylov returns the same receipts).</summary>
    private const int GroupSize = 256;

    public async ValueTask<int> Handle(IssuePendingReceiptsCommand command, CancellationToken cancellationToken)
    {
        var pending = await context.FiscalReceipts.IgnoreQueryFilters().Where(r => r.EmailedAt == null).Select(r => r.Id).ToListAsync(cancellationToken);
        var delivered = 0;
        foreach (var group in pending.Chunk(GroupSize))
            delivered += await DeliverAsync(group, cancellationToken);
        return delivered;
    }

    private async Task<int> DeliverAsync(Guid[] receiptIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var receipts = await db.FiscalReceipts.IgnoreQueryFilters().Where(r => receiptIds.Contains(r.Id)).ToListAsync(cancellationToken);
        var chargeIds = receipts.Select(r => r.ChargeId).ToList();
        var charges = await db.Charges.IgnoreQueryFilters().AsNoTracking().Where(c => chargeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var owners = await scope.ServiceProvider.GetRequiredService<BillingMail>().OwnerEmailsAsync([.. receipts.Select(r => r.TenantId).Distinct()], cancellationToken);
        var issuer = scope.ServiceProvider.GetRequiredService<ReceiptIssuer>();

        var delivered = 0;
        try
        {
            await Parallel.ForEachAsync(receipts, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ChargeConcurrency, CancellationToken = cancellationToken },
                async (receipt, token) =>
                {
                    if (await issuer.DeliverAsync(receipt, charges[receipt.ChargeId], owners.GetValueOrDefault(receipt.TenantId), token))
                        Interlocked.Increment(ref delivered);
                });
        }
        finally
        {
            // What was delivered is saved even when the run is stopped, so it is not e-mailed again.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        return delivered;
    }
}
