using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;

namespace VirtuOps.Application.Billing.Renewals;

/// <summary>Sent by the daily billing job: renews every due subscription and retries pending receipts.</summary>
public sealed record ChargeDueSubscriptionsCommand : ICommand<RenewalRunSummary>;

public sealed record RenewalRunSummary(int Renewed, int Failed, int Suspended, int Ended, int Unknown, int ReceiptsIssued);

public sealed class ChargeDueSubscriptionsCommandHandler(IApplicationDbContext context, IServiceScopeFactory scopes, IOptions<BillingOptions> options, TimeProvider time)
    : ICommandHandler<ChargeDueSubscriptionsCommand, RenewalRunSummary>
{
    public async ValueTask<RenewalRunSummary> Handle(ChargeDueSubscriptionsCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The job serves every tenant, so it looks across them; each renewal then runs in its own tenant's scope.
        var due = await context.Subscriptions.IgnoreQueryFilters()
            .Where(s => s.Status != Domain.Billing.SubscriptionStatus.Suspended && s.Status != Domain.Billing.SubscriptionStatus.Canceled)
            .Where(s => s.CurrentPeriodEnd <= now || s.NextRetryAt <= now)
            .Select(s => new { s.Id, s.TenantId })
            .ToListAsync(cancellationToken);

        var outcomes = new System.Collections.Concurrent.ConcurrentBag<RenewalOutcome>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ChargeConcurrency, CancellationToken = cancellationToken },
            async (subscription, token) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(subscription.TenantId);
                outcomes.Add(await scope.ServiceProvider.GetRequiredService<RenewalProcessor>().RenewAsync(subscription.Id, token));
            });

        var receipts = await RetryPendingReceiptsAsync(cancellationToken);
        return new RenewalRunSummary(
            outcomes.Count(o => o == RenewalOutcome.Renewed), outcomes.Count(o => o == RenewalOutcome.Failed),
            outcomes.Count(o => o == RenewalOutcome.Suspended), outcomes.Count(o => o == RenewalOutcome.Ended),
            outcomes.Count(o => o == RenewalOutcome.Unknown), receipts);
    }

    private async Task<int> RetryPendingReceiptsAsync(CancellationToken cancellationToken)
    {
        var pending = await context.FiscalReceipts.IgnoreQueryFilters().Where(r => r.EmailedAt == null)
            .Select(r => new { r.Id, r.TenantId }).ToListAsync(cancellationToken);
        var issued = 0;
        foreach (var receipt in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(receipt.TenantId);
            var scoped = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var row = await scoped.FiscalReceipts.SingleAsync(r => r.Id == receipt.Id, cancellationToken);
            if (await scope.ServiceProvider.GetRequiredService<ReceiptIssuer>().IssueAsync(row, cancellationToken))
                issued++;
        }

        return issued;
    }
}
