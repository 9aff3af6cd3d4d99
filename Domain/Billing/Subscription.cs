using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Billing;

/// <summary>
/// A tenant's subscription to a plan, month by month. trialing → active → past_due → suspended; the owner can cancel
/// (effective at the end of the paid period) and resume before then; an upgrade applies at once (paid for the rest of
/// the period), any other plan change from the next period.
/// </summary>
public sealed class Subscription : TenantOwnedEntity
{
    /// <summary>Days after a failed renewal on which it is retried; after the last one the subscription is suspended.</summary>
    public static readonly IReadOnlyList<int> DunningScheduleDays = [1, 3, 7];

    public const int PlanCodeMaxLength = 32;

    /// <summary>Days before a trial ends on which the owner is reminded to add a card, once each.</summary>
    public static readonly IReadOnlyList<int> TrialReminderDaysBefore = [3, 1];

    private Subscription(string planCode, DateTimeOffset currentPeriodStart, DateTimeOffset currentPeriodEnd)
    {
        PlanCode = planCode;
        CurrentPeriodStart = currentPeriodStart;
        CurrentPeriodEnd = currentPeriodEnd;
    }

    public string PlanCode { get; private set; }

    public SubscriptionStatus Status { get; private set; } = SubscriptionStatus.Trialing;

    public DateTimeOffset CurrentPeriodStart { get; private set; }

    public DateTimeOffset CurrentPeriodEnd { get; private set; }

    public bool CancelAtPeriodEnd { get; private set; }

    /// <summary>The plan the next period will be charged and served at, when the owner changed it.</summary>
    public string? PendingPlanCode { get; private set; }

    /// <summary>Failed renewal attempts for the current period.</summary>
    public int FailedAttempts { get; private set; }

    public DateTimeOffset? NextRetryAt { get; private set; }

    /// <summary>The last trial reminder sent, in days before the trial's end; null before the first.</summary>
    public int? TrialRemindedDaysBefore { get; private set; }

    public static Subscription StartTrial(string planCode, DateTimeOffset now, int trialDays) =>
        new(planCode, now, now.AddDays(trialDays));

    /// <summary>For a trial started at sign-up, before anyone is signed in to stamp the tenant.</summary>
    public static Subscription StartTrial(Guid tenantId, string planCode, DateTimeOffset now, int trialDays)
    {
        var subscription = StartTrial(planCode, now, trialDays);
        subscription.AssignTenant(tenantId);
        return subscription;
    }

    /// <summary>Bots answer unless the subscription lapsed, ended, or its trial ran out.</summary>
    public bool ServiceEnabled => Status is not (SubscriptionStatus.Suspended or SubscriptionStatus.Canceled or SubscriptionStatus.Expired);

    /// <summary>
    /// The trial reminder owed now (3 or 1, the days before the end), or null. A reminder missed is not sent late
    /// once the next one is due, and none is sent twice.
    /// </summary>
    public int? TrialReminderDue(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.Trialing || now >= CurrentPeriodEnd)
            return null;
        int? due = null;
        foreach (var days in TrialReminderDaysBefore)
        {
            if (now >= CurrentPeriodEnd.AddDays(-days))
                due = days;
        }

        return due < (TrialRemindedDaysBefore ?? int.MaxValue) ? due : null;
    }

    public void TrialReminded(int daysBefore) => TrialRemindedDaysBefore = daysBefore;

    /// <summary>
    /// Platform staff give a trial (running, or ended unpaid) until <paramref name="until"/>. Never shortens it, so
    /// asking again changes nothing; returns whether the trial changed. The reminders start over for the new end.
    /// </summary>
    public bool ExtendTrial(DateTimeOffset until)
    {
        if (Status is not (SubscriptionStatus.Trialing or SubscriptionStatus.Expired))
            throw new DomainRuleViolationException("Only a trial can be extended.");
        if (Status == SubscriptionStatus.Trialing && until <= CurrentPeriodEnd)
            return false;
        Status = SubscriptionStatus.Trialing;
        CurrentPeriodEnd = until > CurrentPeriodEnd ? until : CurrentPeriodEnd;
        TrialRemindedDaysBefore = null;
        return true;
    }

    /// <summary>A trial without a card has ended: the tenant waits, read-only, for a plan to be paid for. Returns whether it ended now.</summary>
    public bool ExpireTrial(DateTimeOffset now)
    {
        if (Status != SubscriptionStatus.Trialing || now < CurrentPeriodEnd)
            return false;
        Status = SubscriptionStatus.Expired;
        return true;
    }

    /// <summary>Whether a renewal should be attempted now (the period ended, or a dunning retry is due).</summary>
    public bool IsDueForCharge(DateTimeOffset now) => Status switch
    {
        SubscriptionStatus.Trialing or SubscriptionStatus.Active => !CancelAtPeriodEnd && now >= CurrentPeriodEnd,
        SubscriptionStatus.PastDue => now >= NextRetryAt,
        _ => false,
    };

    /// <summary>Whether a cancelled subscription has reached the end of what was paid for.</summary>
    public bool IsDueToEnd(DateTimeOffset now) => CancelAtPeriodEnd && Status != SubscriptionStatus.Canceled && now >= CurrentPeriodEnd;

    /// <summary>The plan the coming period is charged at.</summary>
    public string PlanForNextPeriod => PendingPlanCode ?? PlanCode;

    /// <summary>Identifies the period a renewal pays for, e.g. <c>2026-12-27</c>: one successful charge per subscription and period.</summary>
    public string RenewalPeriodKey => CurrentPeriodEnd.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A tenant without any subscription binds a card to subscribe: nothing runs until the first month is paid (<see cref="ActivatePaid"/>).</summary>
    public static Subscription AwaitingFirstPayment(string planCode, DateTimeOffset now) =>
        new(planCode, now, now) { Status = SubscriptionStatus.Expired };

    public static Subscription StartPaid(string planCode, DateTimeOffset now)
    {
        var subscription = new Subscription(planCode, now, now);
        subscription.ActivatePaid(planCode, now);
        return subscription;
    }

    /// <summary>A first payment (binding a card) starts a paid month of the plan now, ending a trial or a lapse.</summary>
    public void ActivatePaid(string planCode, DateTimeOffset now)
    {
        PlanCode = planCode;
        PendingPlanCode = null;
        CancelAtPeriodEnd = false;
        Status = SubscriptionStatus.Active;
        CurrentPeriodStart = now;
        CurrentPeriodEnd = now.AddMonths(1);
        ResetDunning();
    }

    /// <summary>The renewal for the ended period succeeded: the next month starts where the last one ended.</summary>
    public void Renewed()
    {
        if (Status is SubscriptionStatus.Canceled)
            throw new DomainRuleViolationException("A cancelled subscription is not renewed.");
        PlanCode = PlanForNextPeriod;
        PendingPlanCode = null;
        Status = SubscriptionStatus.Active;
        CurrentPeriodStart = CurrentPeriodEnd;
        CurrentPeriodEnd = CurrentPeriodEnd.AddMonths(1);
        ResetDunning();
    }

    /// <summary>A renewal attempt failed: retry on the dunning schedule, then suspend. Returns true when suspended now.</summary>
    public bool RenewalFailed(DateTimeOffset now)
    {
        FailedAttempts++;
        if (FailedAttempts > DunningScheduleDays.Count)
        {
            Status = SubscriptionStatus.Suspended;
            NextRetryAt = null;
            return true;
        }

        Status = SubscriptionStatus.PastDue;
        NextRetryAt = now.AddDays(DunningScheduleDays[FailedAttempts - 1]);
        return false;
    }

    /// <summary>Cancel any time: nothing more is charged, and the service runs until the paid period ends.</summary>
    public void Cancel()
    {
        if (Status == SubscriptionStatus.Canceled)
            return;
        CancelAtPeriodEnd = true;
        NextRetryAt = null;
    }

    public void Resume()
    {
        if (Status == SubscriptionStatus.Canceled)
            throw new DomainRuleViolationException("The subscription has ended; subscribe again.");
        CancelAtPeriodEnd = false;
    }

    public void End() => Status = SubscriptionStatus.Canceled;

    /// <summary>A new card: the owner wants to go on, and a lapsed renewal is retried at once with a fresh schedule.</summary>
    public void CardUpdated(DateTimeOffset now)
    {
        if (Status is SubscriptionStatus.Canceled or SubscriptionStatus.Expired)
            throw new DomainRuleViolationException("The subscription has ended; subscribe again.");
        CancelAtPeriodEnd = false;
        if (Status is SubscriptionStatus.PastDue or SubscriptionStatus.Suspended)
        {
            Status = SubscriptionStatus.PastDue;
            FailedAttempts = 0;
            NextRetryAt = now;
        }
    }

    public void ChangePlan(string planCode) => PendingPlanCode = planCode == PlanCode ? null : planCode;

    /// <summary>A plan chosen during the trial serves at once: nothing was paid for the old one, and the first charge pays the new one.</summary>
    public void ChooseTrialPlan(string planCode)
    {
        if (Status != SubscriptionStatus.Trialing)
            throw new DomainRuleViolationException("Only a trial changes plan at once without a charge.");
        PlanCode = planCode;
        PendingPlanCode = null;
    }

    /// <summary>An upgrade paid for the rest of the period: the plan serves from now; the period and its end stay.</summary>
    public void UpgradeNow(string planCode)
    {
        if (Status != SubscriptionStatus.Active)
            throw new DomainRuleViolationException("Only a paid, running subscription changes plan at once.");
        PlanCode = planCode;
        PendingPlanCode = null;
    }

    /// <summary>Identifies an upgrade's charge, e.g. <c>2026-12-27-pro</c>: one paid upgrade per subscription, period and plan.</summary>
    public string UpgradePeriodKey(string planCode) => $"{RenewalPeriodKey}-{planCode}";

    private void ResetDunning()
    {
        FailedAttempts = 0;
        NextRetryAt = null;
    }
}
