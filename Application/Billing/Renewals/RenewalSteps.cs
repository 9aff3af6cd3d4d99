using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Billing.Renewals;

/// <summary>One subscription's renewal on its way: the charge attempt, then Paylov's answer, then what came of it.</summary>
public sealed class Renewal(Subscription subscription)
{
    public Subscription Subscription { get; } = subscription;

    /// <summary>The attempt being charged; null when <see cref="Outcome"/> was decided without charging.</summary>
    public Charge? Charge { get; set; }

    /// <summary>The attempt was left pending by an earlier run: ask Paylov what became of it before charging.</summary>
    public bool Reconcile { get; set; }

    public PlanDefinition? Plan { get; set; }

    public PaymentMethod? Card { get; set; }

    public ChargeResult? Result { get; set; }

    public RenewalOutcome? Outcome { get; set; }

    /// <summary>The receipt row (the outbox) added with a successful renewal.</summary>
    public FiscalReceiptRecord? Receipt { get; set; }

    /// <summary>The dunning e-mail to send the owner once the failure is saved.</summary>
    public (string Subject, string Body)? Mail { get; set; }
}

/// <summary>
/// The steps of one renewal, shared by the one-at-a-time <see cref="RenewalProcessor"/> and the billing job's
/// <see cref="RenewalPipeline"/>; they decide and change entities, and the caller saves between them.
/// </summary>
public sealed class RenewalSteps(IPaylovClient paylov, ISecretProtector secrets, IOptions<BillingOptions> options, ILogger<RenewalSteps> logger)
{
    /// <summary>
    /// The tenants among <paramref name="tenantIds"/> whose latest RecurringCharges decision, by anyone in the
    /// tenant, is a grant: only their cards may be charged. Looks across tenants (the billing job serves them all).
    /// </summary>
    public static async Task<HashSet<Guid>> ConsentedTenantsAsync(IApplicationDbContext context, IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken)
    {
        var decisions = await context.ConsentRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Kind == ConsentKind.RecurringCharges && c.TenantId != null && tenantIds.Contains(c.TenantId.Value))
            .Select(c => new { TenantId = c.TenantId!.Value, c.Action, c.OccurredAt, c.Id })
            .ToListAsync(cancellationToken);
        return [.. decisions.GroupBy(c => c.TenantId)
            .Where(g => g.OrderByDescending(c => c.OccurredAt).ThenByDescending(c => c.Id).First().Action == ConsentAction.Granted)
            .Select(g => g.Key)];
    }


    /// <summary>The tenants among <paramref name="tenantIds"/> whose processing is held (Privacy Policy): their renewals pause.</summary>
    public static async Task<HashSet<Guid>> RestrictedTenantsAsync(IApplicationDbContext context, IReadOnlyCollection<Guid> tenantIds, CancellationToken cancellationToken) =>
        [.. await context.Tenants.AsNoTracking()
            .Where(t => tenantIds.Contains(t.Id)
                && (t.Restrictions & Domain.Tenants.TenantRestrictionGroups.HoldingProcessing) != Domain.Tenants.TenantRestrictions.None)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken)];

    /// <summary>
    /// Decides what the subscription needs now from this period's charge attempts. A new attempt is added to
    /// <paramref name="context"/>; it must be saved before <see cref="ChargeAsync"/> so Paylov never sees a key we lost.
    /// Without a current RecurringCharges grant (<paramref name="chargesConsented"/>) nothing is charged and the
    /// subscription ends, as a cancelled one would: a second guard behind the cancellation that withdrawing it causes.
    /// While the tenant's processing is restricted (<paramref name="processingRestricted"/>) the renewal pauses: nothing
    /// is charged or changed, and a run after the restriction is lifted renews it.
    /// </summary>
    public Renewal Begin(IApplicationDbContext context, Subscription subscription, IReadOnlyList<Charge> attempts, PaymentMethod? card,
        bool chargesConsented, bool processingRestricted, DateTimeOffset now)
    {
        var renewal = new Renewal(subscription);
        if (subscription.IsDueToEnd(now))
        {
            subscription.End();
            renewal.Outcome = RenewalOutcome.Ended;
            return renewal;
        }

        // A trial without a card is not charged: the trial job ends it and puts the tenant behind the paywall.
        if (!subscription.IsDueForCharge(now) || (subscription.Status == SubscriptionStatus.Trialing && card is null))
        {
            renewal.Outcome = RenewalOutcome.NotDue;
            return renewal;
        }

        // A paid charge is saved together with the renewal, so seeing one here means another run just renewed.
        if (attempts.Any(c => c.Status == ChargeStatus.Succeeded))
        {
            renewal.Outcome = RenewalOutcome.Skipped;
            return renewal;
        }

        if (processingRestricted)
        {
            logger.LogWarning("Renewal of subscription {SubscriptionId} (tenant {TenantId}) paused: the tenant's processing is restricted",
                subscription.Id, subscription.TenantId);
            renewal.Outcome = RenewalOutcome.Restricted;
            return renewal;
        }

        if (!chargesConsented)
        {
            logger.LogWarning("Renewal of subscription {SubscriptionId} (tenant {TenantId}) refused: no current RecurringCharges consent; the subscription ends",
                subscription.Id, subscription.TenantId);
            subscription.Cancel();
            subscription.End();
            renewal.Outcome = RenewalOutcome.WithoutConsent;
            return renewal;
        }

        renewal.Plan = options.Value.Find(subscription.PlanForNextPeriod)
            ?? throw new InvalidOperationException($"Plan '{subscription.PlanForNextPeriod}' is not configured.");
        renewal.Card = card;
        renewal.Charge = attempts.FirstOrDefault(c => c.Status == ChargeStatus.Pending);
        renewal.Reconcile = renewal.Charge is not null;
        if (renewal.Charge is null)
        {
            renewal.Charge = Charge.Begin(subscription, attempts.Count + 1, renewal.Plan.MonthlyPriceTiyin, now);
            context.Charges.Add(renewal.Charge);
        }

        return renewal;
    }

    /// <summary>Asks Paylov; touches no database, so many may run at once.</summary>
    public async Task<ChargeResult> ChargeAsync(Renewal renewal, CancellationToken cancellationToken)
    {
        var charge = renewal.Charge!;
        if (renewal.Reconcile)
        {
            var known = await paylov.GetTransactionAsync(charge.IdempotencyKey, cancellationToken);
            if (known.State != PaylovTransactionState.NotFound)
                return known;
            // It never reached Paylov: charging with the same key is still at most once.
        }

        if (renewal.Card is not { } card)
            return new ChargeResult(PaylovTransactionState.Declined, null, "no_card", "No card on file.");

        var token = secrets.Unprotect(card.EncryptedToken, card.Id.ToString());
        try
        {
            return await paylov.ChargeAsync(new ChargeRequest(token, charge.AmountTiyin, charge.IdempotencyKey,
                $"VirtuOps {renewal.Plan!.Name}, {charge.PeriodKey}", FiscalItemOf(renewal.Plan)), cancellationToken);
        }
        catch (PaylovUnavailableException)
        {
            // Left pending: the next run asks Paylov what became of this idempotency key.
            return new ChargeResult(PaylovTransactionState.Pending, null, null, null);
        }
    }

    /// <summary>Applies Paylov's answer to the tracked charge and subscription; a success adds the receipt row.</summary>
    public static void Apply(IApplicationDbContext context, Renewal renewal, DateTimeOffset now)
    {
        var (subscription, charge, result) = (renewal.Subscription, renewal.Charge!, renewal.Result!);
        switch (result.State)
        {
            case PaylovTransactionState.Succeeded:
                if (charge.Status != ChargeStatus.Succeeded)
                    charge.Succeeded(result.TransactionId ?? charge.IdempotencyKey, now);
                subscription.Renewed();
                renewal.Receipt = FiscalReceiptRecord.For(charge);
                context.FiscalReceipts.Add(renewal.Receipt);
                renewal.Outcome = RenewalOutcome.Renewed;
                break;
            case PaylovTransactionState.Pending or PaylovTransactionState.NeedsAction:
                renewal.Outcome = RenewalOutcome.Unknown;
                break;
            default:
                charge.Failed(result.ErrorCode ?? result.State.ToString(), result.TransactionId, now);
                var suspended = subscription.RenewalFailed(now);
                renewal.Mail = suspended
                    ? ("VirtuOps: obuna to‘xtatildi / Subscription suspended",
                        "Oylik to‘lov bir necha urinishdan so‘ng amalga oshmadi; botlar javob berishni to‘xtatdi. Kartani yangilang. / Renewal failed after every retry; your bots have stopped. Update your card to resume.")
                    : ("VirtuOps: to‘lov amalga oshmadi / Payment failed",
                        $"Oylik to‘lov amalga oshmadi ({result.ErrorCode ?? result.State.ToString()}). Keyingi urinish: {subscription.NextRetryAt:yyyy-MM-dd}. / The renewal failed; we will retry on {subscription.NextRetryAt:yyyy-MM-dd}.");
                renewal.Outcome = suspended ? RenewalOutcome.Suspended : RenewalOutcome.Failed;
                break;
        }
    }

    public static FiscalItem FiscalItemOf(PlanDefinition plan) =>
        new($"VirtuOps {plan.Name} obunasi (1 oy)", plan.MxikCode, plan.PackageCode, 1, plan.MonthlyPriceTiyin, plan.VatPercent);
}
