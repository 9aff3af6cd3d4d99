using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Billing;

public enum ChargeStatus
{
    /// <summary>Written before Paylov is called; an attempt left here by a crash is reconciled by asking Paylov.</summary>
    Pending = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>
/// One attempt to collect one period's fee (or an upgrade's price difference for the rest of one). The row exists before Paylov is called, and its idempotency key is the
/// one Paylov sees, so a retry or a crash can never charge the same attempt twice; the database allows at most one
/// succeeded charge per subscription and period. Kept for the fiscal retention period even after an account is erased.
/// </summary>
public sealed class Charge : TenantOwnedEntity
{
    private Charge(Guid subscriptionId, string periodKey, int attempt, string planCode, long amountTiyin, DateTimeOffset attemptedAt)
    {
        SubscriptionId = subscriptionId;
        PeriodKey = periodKey;
        Attempt = attempt;
        PlanCode = planCode;
        AmountTiyin = amountTiyin;
        AttemptedAt = attemptedAt;
        IdempotencyKey = $"sub_{subscriptionId:N}_{periodKey}_a{attempt}";
    }

    public Guid SubscriptionId { get; private set; }

    public string PeriodKey { get; private set; }

    public int Attempt { get; private set; }

    public string IdempotencyKey { get; private set; }

    public string PlanCode { get; private set; }

    public long AmountTiyin { get; private set; }

    public ChargeStatus Status { get; private set; } = ChargeStatus.Pending;

    public string? TransactionId { get; private set; }

    public string? FailureCode { get; private set; }

    public DateTimeOffset AttemptedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public static Charge Begin(Subscription subscription, int attempt, long amountTiyin, DateTimeOffset now)
    {
        var charge = new Charge(subscription.Id, subscription.RenewalPeriodKey, attempt, subscription.PlanForNextPeriod, amountTiyin, now);
        charge.AssignTenant(subscription.TenantId);
        return charge;
    }

    /// <summary>An upgrade's price difference for the rest of the period; its own period key keeps it apart from the renewal.</summary>
    public static Charge ForUpgrade(Subscription subscription, string planCode, int attempt, long amountTiyin, DateTimeOffset now)
    {
        var charge = new Charge(subscription.Id, subscription.UpgradePeriodKey(planCode), attempt, planCode, amountTiyin, now);
        charge.AssignTenant(subscription.TenantId);
        return charge;
    }

    /// <summary>
    /// The first month after a direct card binding, charged to the card just bound. Its period key is the binding's
    /// id: however often the owner confirms, one binding pays one first month.
    /// </summary>
    public static Charge ForFirstPayment(Subscription subscription, CheckoutSession binding, int attempt, DateTimeOffset now)
    {
        var charge = new Charge(subscription.Id, binding.Id.ToString("N"), attempt, binding.PlanCode, binding.AmountTiyin, now);
        charge.AssignTenant(subscription.TenantId);
        return charge;
    }

    /// <summary>The first month, paid while binding the card on Paylov's page.</summary>
    public static Charge FirstPayment(Subscription subscription, string planCode, long amountTiyin, string transactionId, DateTimeOffset now)
    {
        var periodKey = subscription.CurrentPeriodStart.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var charge = new Charge(subscription.Id, periodKey, 1, planCode, amountTiyin, now);
        charge.AssignTenant(subscription.TenantId);
        charge.Succeeded(transactionId, now);
        return charge;
    }

    /// <summary>
    /// For an upgrade's charge (period key <c>yyyy-MM-dd-plan</c>, see <see cref="Subscription.UpgradePeriodKey"/>): the
    /// days it pays for, from the day of the upgrade to the end of the period; null for any other charge.
    /// </summary>
    public (DateOnly From, DateOnly To)? UpgradeSpan =>
        PeriodKey.Length > 11 && PeriodKey[10] == '-'
        && DateOnly.TryParseExact(PeriodKey[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var to)
            ? (DateOnly.FromDateTime(AttemptedAt.UtcDateTime), to)
            : null;

    /// <summary>
    /// Paylov created the receipt this attempt pays (no money moved yet). Saved before paying, so the attempt is only
    /// ever paid, or paid again, by this one id; an attempt that lost it before saving had moved nothing.
    /// </summary>
    public void CreatedAtPaylov(string transactionId) => TransactionId ??= transactionId;

    public void Succeeded(string transactionId, DateTimeOffset at)
    {
        Status = ChargeStatus.Succeeded;
        TransactionId = transactionId;
        CompletedAt = at;
    }

    public void Failed(string failureCode, string? transactionId, DateTimeOffset at)
    {
        Status = ChargeStatus.Failed;
        FailureCode = failureCode;
        TransactionId = transactionId ?? TransactionId;
        CompletedAt = at;
    }
}
