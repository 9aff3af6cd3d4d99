using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Exceptions;

namespace Domain.UnitTests.Billing;

public sealed class SubscriptionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static Subscription Paid()
    {
        return Subscription.StartPaid("biznes", Start);
    }

    [Fact]
    public void A_paid_month_is_due_for_renewal_when_it_ends_and_not_before()
    {
        var subscription = Paid();

        subscription.IsDueForCharge(Start.AddMonths(1).AddSeconds(-1)).ShouldBeFalse();
        subscription.IsDueForCharge(Start.AddMonths(1)).ShouldBeTrue();
        subscription.RenewalPeriodKey.ShouldBe("2026-12-27");
    }

    [Fact]
    public void A_renewal_starts_the_next_month_where_the_last_ended_and_applies_a_plan_change()
    {
        var subscription = Paid();
        subscription.ChangePlan("pro");

        subscription.Renewed();

        subscription.PlanCode.ShouldBe("pro");
        subscription.PendingPlanCode.ShouldBeNull();
        subscription.CurrentPeriodStart.ShouldBe(Start.AddMonths(1));
        subscription.CurrentPeriodEnd.ShouldBe(Start.AddMonths(2));
        subscription.RenewalPeriodKey.ShouldBe("2027-01-27");
    }

    [Fact]
    public void Failed_renewals_retry_after_1_3_and_7_days_then_suspend_and_stop_the_service()
    {
        var subscription = Paid();
        var now = Start.AddMonths(1);

        subscription.RenewalFailed(now).ShouldBeFalse();
        (subscription.Status, subscription.NextRetryAt).ShouldBe((SubscriptionStatus.PastDue, now.AddDays(1)));
        subscription.ServiceEnabled.ShouldBeTrue();
        subscription.IsDueForCharge(now.AddHours(23)).ShouldBeFalse();
        subscription.IsDueForCharge(now.AddDays(1)).ShouldBeTrue();

        subscription.RenewalFailed(now.AddDays(1)).ShouldBeFalse();
        subscription.NextRetryAt.ShouldBe(now.AddDays(4));
        subscription.RenewalFailed(now.AddDays(4)).ShouldBeFalse();
        subscription.NextRetryAt.ShouldBe(now.AddDays(11));
        subscription.RenewalFailed(now.AddDays(11)).ShouldBeTrue();

        subscription.Status.ShouldBe(SubscriptionStatus.Suspended);
        subscription.ServiceEnabled.ShouldBeFalse();
        subscription.IsDueForCharge(now.AddYears(1)).ShouldBeFalse();
    }

    [Fact]
    public void A_successful_retry_clears_the_dunning_state()
    {
        var subscription = Paid();
        subscription.RenewalFailed(Start.AddMonths(1));

        subscription.Renewed();

        (subscription.Status, subscription.FailedAttempts, subscription.NextRetryAt).ShouldBe((SubscriptionStatus.Active, 0, (DateTimeOffset?)null));
    }

    [Fact]
    public void Cancelling_stops_renewals_keeps_the_paid_month_and_can_be_undone_until_it_ends()
    {
        var subscription = Paid();

        subscription.Cancel();
        subscription.IsDueForCharge(Start.AddMonths(2)).ShouldBeFalse();
        subscription.ServiceEnabled.ShouldBeTrue();
        subscription.IsDueToEnd(Start.AddMonths(1)).ShouldBeTrue();

        subscription.Resume();
        subscription.IsDueForCharge(Start.AddMonths(1)).ShouldBeTrue();

        subscription.Cancel();
        subscription.End();
        subscription.ServiceEnabled.ShouldBeFalse();
        Should.Throw<DomainRuleViolationException>(subscription.Resume);
        Should.Throw<DomainRuleViolationException>(subscription.Renewed);
    }

    [Fact]
    public void A_new_card_retries_a_suspended_subscription_at_once_with_a_fresh_schedule()
    {
        var subscription = Paid();
        var now = Start.AddMonths(1);
        foreach (var day in new[] { 0, 1, 4, 11 })
            subscription.RenewalFailed(now.AddDays(day));

        subscription.CardUpdated(now.AddDays(12));

        (subscription.Status, subscription.FailedAttempts).ShouldBe((SubscriptionStatus.PastDue, 0));
        subscription.IsDueForCharge(now.AddDays(12)).ShouldBeTrue();
    }

    [Fact]
    public void A_trial_owes_its_3_day_then_its_1_day_reminder_once_each_and_a_missed_one_is_not_sent_late()
    {
        var trial = Subscription.StartTrial("biznes", Start, 14);
        var end = Start.AddDays(14);

        trial.TrialReminderDue(end.AddDays(-3).AddSeconds(-1)).ShouldBeNull();
        trial.TrialReminderDue(end.AddDays(-3)).ShouldBe(3);
        trial.TrialReminded(3);
        trial.TrialReminderDue(end.AddDays(-2)).ShouldBeNull();
        trial.TrialReminderDue(end.AddDays(-1)).ShouldBe(1);
        trial.TrialReminded(1);
        trial.TrialReminderDue(end.AddHours(-1)).ShouldBeNull();

        var missed = Subscription.StartTrial("biznes", Start, 14);
        missed.TrialReminderDue(end.AddHours(-12)).ShouldBe(1, "only the reminder due now is sent");
        missed.TrialReminderDue(end).ShouldBeNull();
    }

    [Fact]
    public void A_trial_expires_only_once_it_has_ended_stops_the_service_and_a_payment_starts_a_paid_month()
    {
        var trial = Subscription.StartTrial("biznes", Start, 14);

        trial.ExpireTrial(Start.AddDays(14).AddSeconds(-1)).ShouldBeFalse();
        trial.ExpireTrial(Start.AddDays(14)).ShouldBeTrue();
        trial.Status.ShouldBe(SubscriptionStatus.Expired);
        trial.ServiceEnabled.ShouldBeFalse();
        trial.IsDueForCharge(Start.AddDays(30)).ShouldBeFalse();
        Should.Throw<DomainRuleViolationException>(() => trial.CardUpdated(Start.AddDays(15)));

        trial.ActivatePaid("pro", Start.AddDays(20));
        trial.Status.ShouldBe(SubscriptionStatus.Active);
        trial.CurrentPeriodEnd.ShouldBe(Start.AddDays(20).AddMonths(1));
    }
}
