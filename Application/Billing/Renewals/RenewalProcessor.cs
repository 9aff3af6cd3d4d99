using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
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
}

/// <summary>
/// Renews one subscription, exactly once per period. The charge row (with the idempotency key Paylov will see) is
/// saved before Paylov is called; a pending row left by a crash or timeout is settled by asking Paylov for that
/// key's transaction, never by charging anew. Runs inside the subscription's tenant scope.
/// </summary>
public sealed class RenewalProcessor(
    IApplicationDbContext context,
    IPaylovClient paylov,
    ISecretProtector secrets,
    BillingMail mail,
    ReceiptIssuer receipts,
    IOptions<BillingOptions> options,
    TimeProvider time)
{
    public async Task<RenewalOutcome> RenewAsync(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await context.Subscriptions.SingleAsync(s => s.Id == subscriptionId, cancellationToken);
        var now = time.GetUtcNow();
        if (subscription.IsDueToEnd(now))
        {
            subscription.End();
            await context.SaveChangesAsync(cancellationToken);
            return RenewalOutcome.Ended;
        }

        if (!subscription.IsDueForCharge(now))
            return RenewalOutcome.NotDue;

        var attempts = await context.Charges
            .Where(c => c.SubscriptionId == subscription.Id && c.PeriodKey == subscription.RenewalPeriodKey)
            .ToListAsync(cancellationToken);
        // A paid charge is saved together with the renewal, so seeing one here means another run just renewed.
        if (attempts.Exists(c => c.Status == ChargeStatus.Succeeded))
            return RenewalOutcome.Skipped;

        var plan = options.Value.Find(subscription.PlanForNextPeriod)
            ?? throw new InvalidOperationException($"Plan '{subscription.PlanForNextPeriod}' is not configured.");
        var charge = attempts.Find(c => c.Status == ChargeStatus.Pending);
        ChargeResult result;
        if (charge is not null)
        {
            result = await paylov.GetTransactionAsync(charge.IdempotencyKey, cancellationToken);
            if (result.State == PaylovTransactionState.NotFound)
                result = await ChargeAsync(charge, plan, cancellationToken); // it never reached Paylov: same key, so still at most once
        }
        else
        {
            charge = Charge.Begin(subscription, attempts.Count + 1, plan.MonthlyPriceTiyin, now);
            context.Charges.Add(charge);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return RenewalOutcome.Skipped; // another run inserted this attempt first and is charging it
            }

            result = await ChargeAsync(charge, plan, cancellationToken);
        }

        try
        {
            return await ApplyAsync(subscription, charge, result, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run settled this renewal between our read and our write (the concurrency checks refused ours).
            return RenewalOutcome.Skipped;
        }
    }

    private async Task<ChargeResult> ChargeAsync(Charge charge, PlanDefinition plan, CancellationToken cancellationToken)
    {
        var card = await context.PaymentMethods.Where(p => p.RemovedAt == null).OrderByDescending(p => p.Created).FirstOrDefaultAsync(cancellationToken);
        if (card is null)
            return new ChargeResult(PaylovTransactionState.Declined, null, "no_card", "No card on file.");

        var token = secrets.Unprotect(card.EncryptedToken, card.Id.ToString());
        try
        {
            return await paylov.ChargeAsync(new ChargeRequest(token, charge.AmountTiyin, charge.IdempotencyKey,
                $"VirtuOps {plan.Name}, {charge.PeriodKey}", FiscalItemOf(plan)), cancellationToken);
        }
        catch (PaylovUnavailableException)
        {
            // Left pending: the next run asks Paylov what became of this idempotency key.
            return new ChargeResult(PaylovTransactionState.Pending, null, null, null);
        }
    }

    private async Task<RenewalOutcome> ApplyAsync(Subscription subscription, Charge charge, ChargeResult result, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (result.State)
        {
            case PaylovTransactionState.Succeeded:
                if (charge.Status != ChargeStatus.Succeeded)
                    charge.Succeeded(result.TransactionId ?? charge.IdempotencyKey, now);
                subscription.Renewed();
                var receipt = FiscalReceiptRecord.For(charge);
                context.FiscalReceipts.Add(receipt);
                await context.SaveChangesAsync(cancellationToken);
                await receipts.IssueAsync(receipt, cancellationToken);
                return RenewalOutcome.Renewed;
            case PaylovTransactionState.Pending or PaylovTransactionState.NeedsAction:
                return RenewalOutcome.Unknown;
            default:
                charge.Failed(result.ErrorCode ?? result.State.ToString(), result.TransactionId, now);
                var suspended = subscription.RenewalFailed(now);
                await context.SaveChangesAsync(cancellationToken);
                await mail.SendToOwnerAsync(subscription.TenantId,
                    suspended ? "VirtuOps: obuna to‘xtatildi / Subscription suspended" : "VirtuOps: to‘lov amalga oshmadi / Payment failed",
                    suspended
                        ? "Oylik to‘lov bir necha urinishdan so‘ng amalga oshmadi; botlar javob berishni to‘xtatdi. Kartani yangilang. / Renewal failed after every retry; your bots have stopped. Update your card to resume."
                        : $"Oylik to‘lov amalga oshmadi ({result.ErrorCode ?? result.State.ToString()}). Keyingi urinish: {subscription.NextRetryAt:yyyy-MM-dd}. / The renewal failed; we will retry on {subscription.NextRetryAt:yyyy-MM-dd}.",
                    cancellationToken);
                return suspended ? RenewalOutcome.Suspended : RenewalOutcome.Failed;
        }
    }

    public static FiscalItem FiscalItemOf(PlanDefinition plan) =>
        new($"VirtuOps {plan.Name} obunasi (1 oy)", plan.MxikCode, plan.PackageCode, 1, plan.MonthlyPriceTiyin, plan.VatPercent);
}
