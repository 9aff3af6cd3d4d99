using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.Renewals;

/// <summary>
/// A charge paid while the owner waits (an upgrade, the first month after binding a card), through the renewals'
/// exactly-once path: the attempt is saved, Paylov's transaction is created and its id saved, then that id is paid; a
/// pending attempt of the same key is reconciled by its saved id, never charged anew. Its receipt is queued and issued.
/// </summary>
public sealed class ImmediateCharges(IApplicationDbContext context, RenewalSteps steps, ReceiptIssuer receipts, TimeProvider time)
{
    /// <summary>
    /// Pays <paramref name="periodKey"/> of <paramref name="subscription"/> with the card on file; <paramref name="begin"/>
    /// makes a new attempt (given its number) and <paramref name="paid"/> applies what the payment buys, saved with it.
    /// Returns false when an earlier request already paid this key (nothing is done again). 409 while another request pays
    /// it or Paylov's answer is unknown; a decline is saved and thrown as a <see cref="PaymentRefusedException"/>.
    /// </summary>
    public async Task<bool> PayAsync(Subscription subscription, string periodKey, Func<int, Charge> begin, Action<Charge> paid, CancellationToken cancellationToken)
    {
        var attempts = await context.Charges.Where(c => c.SubscriptionId == subscription.Id && c.PeriodKey == periodKey).ToListAsync(cancellationToken);
        if (attempts.Any(c => c.Status == ChargeStatus.Succeeded))
            return false;

        var renewal = new Renewal(subscription)
        {
            Card = await context.PaymentMethods.AsNoTracking().Where(p => p.RemovedAt == null).OrderByDescending(p => p.Created).FirstOrDefaultAsync(cancellationToken),
            Charge = attempts.FirstOrDefault(c => c.Status == ChargeStatus.Pending),
        };
        renewal.Reconcile = renewal.Charge is not null;
        if (renewal.Charge is null)
        {
            renewal.Charge = begin(attempts.Count + 1);
            context.Charges.Add(renewal.Charge);
            await SaveOrConflictAsync(cancellationToken);
        }

        await steps.CallPaylovAsync(renewal, cancellationToken);
        if (renewal.AwaitsSavingTransaction)
        {
            RenewalSteps.RecordTransaction(renewal);
            await SaveOrConflictAsync(cancellationToken);
            await steps.CallPaylovAsync(renewal, cancellationToken);
        }

        var (charge, result) = (renewal.Charge!, renewal.Result!);
        switch (result.State)
        {
            case PaylovTransactionState.Succeeded:
                charge.Succeeded(result.TransactionId ?? charge.TransactionId ?? charge.IdempotencyKey, time.GetUtcNow());
                paid(charge);
                var receipt = FiscalReceiptRecord.For(charge);
                context.FiscalReceipts.Add(receipt);
                await SaveOrConflictAsync(cancellationToken);
                await receipts.IssueAsync(receipt, charge, cancellationToken);
                return true;
            case PaylovTransactionState.Pending:
                throw new ConflictException("Paylov has not confirmed the payment yet. Try again in a minute; you will not be charged twice.");
            default:
                charge.Failed(result.ErrorCode ?? result.State.ToString(), result.TransactionId, time.GetUtcNow());
                await SaveOrConflictAsync(cancellationToken);
                throw new PaymentRefusedException(charge.FailureCode!, isDecline: true);
        }
    }

    // A unique index or concurrency token refused the write: another request is paying this charge right now.
    private async Task SaveOrConflictAsync(CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("This payment is already being made.");
        }
    }
}
