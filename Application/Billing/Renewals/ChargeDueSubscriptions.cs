namespace VirtuOps.Application.Billing.Renewals;

/// <summary>Sent by the daily billing job: renews every due subscription. Receipts follow with <see cref="IssuePendingReceiptsCommand"/>.</summary>
public sealed record ChargeDueSubscriptionsCommand : ICommand<RenewalRunSummary>;

/// <summary>
/// How a run's renewals went; <see cref="WithoutConsent"/> were due but refused for want of a RecurringCharges consent,
/// <see cref="Restricted"/> were due but paused because their tenant's processing is restricted.
/// </summary>
public sealed record RenewalRunSummary(int Renewed, int Failed, int Suspended, int Ended, int Unknown, int WithoutConsent, int Restricted);

public sealed class ChargeDueSubscriptionsCommandHandler(IApplicationDbContext context, RenewalPipeline renewals, TimeProvider time)
    : ICommandHandler<ChargeDueSubscriptionsCommand, RenewalRunSummary>
{
    public async ValueTask<RenewalRunSummary> Handle(ChargeDueSubscriptionsCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The job serves every tenant, so it looks across them.
        var due = await context.Subscriptions.IgnoreQueryFilters()
            .Where(s => s.Status != Domain.Billing.SubscriptionStatus.Suspended && s.Status != Domain.Billing.SubscriptionStatus.Canceled
                && s.Status != Domain.Billing.SubscriptionStatus.Expired)
            .Where(s => s.CurrentPeriodEnd <= now || s.NextRetryAt <= now)
            .Select(s => new DueSubscription(s.Id, s.TenantId))
            .ToListAsync(cancellationToken);

        var outcomes = await renewals.RunAsync(due, cancellationToken);
        return new RenewalRunSummary(
            outcomes.Count(o => o == RenewalOutcome.Renewed), outcomes.Count(o => o == RenewalOutcome.Failed),
            outcomes.Count(o => o == RenewalOutcome.Suspended), outcomes.Count(o => o == RenewalOutcome.Ended),
            outcomes.Count(o => o == RenewalOutcome.Unknown), outcomes.Count(o => o == RenewalOutcome.WithoutConsent),
            outcomes.Count(o => o == RenewalOutcome.Restricted));
    }
}
