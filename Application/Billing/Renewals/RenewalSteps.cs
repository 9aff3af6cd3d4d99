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

    /// <summary>The attempt was left pending by an earlier run: ask Paylov what became of it before paying.</summary>
    public bool Reconcile { get; set; }

    /// <summary>
    /// The transaction Paylov just created for <see cref="Charge"/>; it must be saved on the charge
    /// (<see cref="RenewalSteps.RecordTransaction"/>) before it is paid.
    /// </summary>
    public string? CreatedTransactionId { get; set; }

    /// <summary>Paylov created the transaction and it is not saved yet: save it, then call Paylov again to pay it.</summary>
    public bool AwaitsSavingTransaction => CreatedTransactionId is not null && Result is null;

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
    /// <paramref name="context"/>; it must be saved before <see cref="CallPaylovAsync"/>, so every transaction Paylov creates belongs to a saved attempt.
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

    /// <summary>
    /// Takes the charge one step further at Paylov; touches no database, so many may run at once. Without a saved
    /// transaction it creates one (moving no money) and leaves its id in <see cref="Renewal.CreatedTransactionId"/>, to
    /// be saved before the next call; with a saved one it pays it, after asking Paylov what became of it when an earlier
    /// run left the attempt pending. Paying a saved id again is safe: Paylov answers an already paid one as paid. Sets
    /// <see cref="Renewal.Result"/> once the outcome is known, or unknown (Pending, reconciled by the next run).
    /// </summary>
    public async Task CallPaylovAsync(Renewal renewal, CancellationToken cancellationToken)
    {
        var charge = renewal.Charge!;
        var userId = PaylovUser.Of(renewal.Subscription.TenantId);
        try
        {
            if (charge.TransactionId is not { } transactionId)
            {
                // Nothing was paid without a saved id (an id lost before saving was never paid): create anew.
                if (renewal.Card is null)
                    renewal.Result = new ChargeResult(PaylovTransactionState.Declined, null, "no_card");
                else
                    renewal.CreatedTransactionId = await paylov.CreateChargeAsync(new NewCharge(userId, charge.AmountTiyin, charge.IdempotencyKey), cancellationToken);
                return;
            }

            if (renewal.Reconcile)
            {
                var known = await paylov.GetTransactionAsync(transactionId, cancellationToken);
                if (known.State is PaylovTransactionState.Succeeded or PaylovTransactionState.Refunded)
                {
                    renewal.Result = known with { State = PaylovTransactionState.Succeeded };
                    return;
                }
            }

            if (renewal.Card is not { } card)
            {
                renewal.Result = new ChargeResult(PaylovTransactionState.Declined, transactionId, "no_card");
                return;
            }

            var cardId = secrets.Unprotect(card.EncryptedToken, card.Id.ToString());
            renewal.Result = await paylov.PayAsync(new PayRequest(transactionId, cardId, userId), cancellationToken);
        }
        catch (PaylovUnavailableException)
        {
            // Left pending: the next run asks Paylov what became of the saved transaction, or creates one if none was saved.
            renewal.Result = new ChargeResult(PaylovTransactionState.Pending, charge.TransactionId, null);
        }
        catch (PaylovException ex)
        {
            // Paylov refused the request itself (e.g. invalid_amount, permission_denied): nothing moved.
            renewal.Result = new ChargeResult(PaylovTransactionState.Declined, charge.TransactionId, ex.Code ?? "refused");
        }
    }

    /// <summary>Puts the transaction Paylov created on the tracked charge; saving it is what allows paying it.</summary>
    public static void RecordTransaction(Renewal renewal)
    {
        renewal.Charge!.CreatedAtPaylov(renewal.CreatedTransactionId!);
        renewal.CreatedTransactionId = null;
    }

    /// <summary>Applies Paylov's answer to the tracked charge and subscription; a success adds the receipt row.</summary>
    public static void Apply(IApplicationDbContext context, Renewal renewal, DateTimeOffset now)
    {
        var (subscription, charge, result) = (renewal.Subscription, renewal.Charge!, renewal.Result!);
        switch (result.State)
        {
            case PaylovTransactionState.Succeeded:
                if (charge.Status != ChargeStatus.Succeeded)
                    charge.Succeeded(result.TransactionId ?? charge.TransactionId ?? charge.IdempotencyKey, now);
                subscription.Renewed();
                renewal.Receipt = FiscalReceiptRecord.For(charge);
                context.FiscalReceipts.Add(renewal.Receipt);
                renewal.Outcome = RenewalOutcome.Renewed;
                break;
            case PaylovTransactionState.Pending:
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

    private static FiscalItem FiscalItemOf(PlanDefinition plan) =>
        new($"VirtuOps {plan.Name} obunasi (1 oy)", plan.MxikCode, plan.PackageCode, 1, plan.MonthlyPriceTiyin, plan.VatPercent, plan.Tin);

    /// <summary>
    /// The receipt line of <paramref name="charge"/>: a month of the plan, or for an upgrade the price difference for the
    /// rest of the period, which the line says (fiscal receipts are in Uzbek), e.g. "VirtuOps Pro obunasi, qolgan kunlar
    /// uchun mutanosib hisob (prorated), 07.12.2026–27.12.2026".
    /// </summary>
    public static FiscalItem FiscalItemOf(PlanDefinition plan, Charge charge)
    {
        var item = FiscalItemOf(plan) with { PriceTiyin = charge.AmountTiyin };
        return charge.UpgradeSpan is var (from, to)
            ? item with { Title = $"VirtuOps {plan.Name} obunasi, qolgan kunlar uchun mutanosib hisob (prorated), {from:dd.MM.yyyy}–{to:dd.MM.yyyy}" }
            : item;
    }

    /// <summary>What a charge paid for, in uz / ru / en, for the owner's e-mail.</summary>
    public static string DescriptionOf(PlanDefinition plan, Charge charge) => charge.UpgradeSpan is var (from, to)
        ? $"{plan.Name}: qolgan kunlar uchun mutanosib hisob / перерасчёт за оставшиеся дни / prorated, {from:dd.MM.yyyy}–{to:dd.MM.yyyy}"
        : $"{plan.Name}, {charge.PeriodKey}";
}
