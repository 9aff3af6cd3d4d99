using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.Renewals;

public enum RenewalOutcome
{
    NotDue = 0,
    Renewed = 1,
    Failed = 2,
    Suspended = 3,
    Ended = 4,
    /// <summary>Paylov's answer is unknown (timeout, crash); the pending charge is reconciled on the next run.</summary>
    Unknown = 5,
    /// <summary>Another run is charging this subscription right now.</summary>
    Skipped = 6,
    /// <summary>Due, but the tenant has no current RecurringCharges consent: nothing was charged and the subscription ended.</summary>
    WithoutConsent = 7,
    /// <summary>Due, but the tenant's processing is restricted: nothing was charged or changed; renewed once it is lifted.</summary>
    Restricted = 8,
}

/// <summary>
/// Renews one subscription, exactly once per period, in Paylov's two calls: the charge row is saved, Paylov creates
/// the transaction, its id is saved, then that id is paid. A pending row left by a crash or timeout is settled by
/// asking Paylov about its saved transaction and paying that id (never a new one); a row without a saved id moved no
/// money and gets a new transaction. Runs inside the subscription's tenant scope. The billing job renews
/// many at once with <see cref="RenewalPipeline"/>, through the same <see cref="RenewalSteps"/>.
/// </summary>
public sealed class RenewalProcessor(
    IApplicationDbContext context,
    RenewalSteps steps,
    BillingMail mail,
    ReceiptIssuer receipts,
    TimeProvider time)
{
    public async Task<RenewalOutcome> RenewAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await context.Subscriptions.SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        var attempts = await context.Charges
            .Where(c => c.SubscriptionId == subscription.Id && c.PeriodKey == subscription.RenewalPeriodKey)
            .ToListAsync(cancellationToken);
        var card = await context.PaymentMethods.AsNoTracking().Where(p => p.RemovedAt == null).OrderByDescending(p => p.Created).FirstOrDefaultAsync(cancellationToken);

        var consented = (await RenewalSteps.ConsentedTenantsAsync(context, [subscription.TenantId], cancellationToken)).Contains(subscription.TenantId);
        var restricted = (await RenewalSteps.RestrictedTenantsAsync(context, [subscription.TenantId], cancellationToken)).Contains(subscription.TenantId);

        var renewal = steps.Begin(context, subscription, attempts, card, consented, restricted, time.GetUtcNow());
        if (renewal.Outcome is { } decided)
        {
            if (decided is RenewalOutcome.Ended or RenewalOutcome.WithoutConsent)
                await context.SaveChangesAsync(cancellationToken);
            return decided;
        }

        if (!renewal.Reconcile)
        {
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return RenewalOutcome.Skipped; // another run inserted this attempt first and is charging it
            }
        }

        await steps.CallPaylovAsync(renewal, cancellationToken);
        if (renewal.AwaitsSavingTransaction)
        {
            RenewalSteps.RecordTransaction(renewal);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another run saved its own transaction for this attempt first and pays that one; ours is never paid.
                return RenewalOutcome.Skipped;
            }

            await steps.CallPaylovAsync(renewal, cancellationToken);
        }

        RenewalSteps.Apply(context, renewal, time.GetUtcNow());
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run settled this renewal between our read and our write (the concurrency checks refused ours).
            return RenewalOutcome.Skipped;
        }

        if (renewal.Receipt is { } receipt)
            await receipts.IssueAsync(receipt, renewal.Charge!, cancellationToken);
        if (renewal.Mail is var (subject, body))
            await mail.SendToOwnerAsync(subscription.TenantId, subject, body, cancellationToken);
        return renewal.Outcome!.Value;
    }
}
