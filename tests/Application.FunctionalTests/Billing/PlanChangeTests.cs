using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Billing.PlanChanges;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Domain.Billing;

namespace Application.FunctionalTests.Billing;

/// <summary>Upgrades at once for the rest of the period, charged exactly once at the (fake) Paylov; downgrades at the next period.</summary>
public sealed class PlanChangeTests : IAsyncLifetime
{
    private FakePaylovServer _paylov = null!;

    public async Task InitializeAsync() => _paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync() => await _paylov.DisposeAsync();

    /// <summary>An owner subscribed to <paramref name="planCode"/> through Paylov's page at the fake (card and SMS code typed there).</summary>
    private async Task<SpaClient> SubscribedOwnerAsync(PaylovHttpApiFactory app, string email, string phone, string planCode)
    {
        var owner = new SpaClient(app);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var started = await (await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode, purpose = "Subscribe" }))
            .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json);
        var sessionId = await app.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(c => c.Id == started!.CheckoutId).Select(c => c.PaylovSessionId).SingleAsync());
        _paylov.EnterOtp(sessionId, FakePaylovServer.OtpCode);
        (await owner.Http.PostAsync($"/api/billing/checkout/{started!.CheckoutId}/complete", null)).EnsureSuccessStatusCode();
        return owner;
    }

    private static Task<Subscription> SubscriptionAsync(PaylovHttpApiFactory app) =>
        app.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync());

    [Fact]
    public async Task An_upgrade_sent_twice_at_once_applies_at_once_and_is_charged_once_at_the_prorated_price_with_a_receipt()
    {
        await using var app = new PaylovHttpApiFactory(_paylov);
        using (await SubscribedOwnerAsync(app, "upgrade-twice@example.uz", "+998901001801", "start"))
            app.Time.Advance(TimeSpan.FromDays(18));
        // Days on, the sign-in has expired: the owner signs in again.
        using var owner = new SpaClient(app);
        (await owner.SignInAsync("upgrade-twice@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        var subscription = await SubscriptionAsync(app);
        var expected = Proration.UpgradeTiyin(19_900_000, 99_900_000, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, app.Time.GetUtcNow());
        expected.ShouldBeGreaterThan(0);

        var quote = (await owner.GetAsync<PlanChangeDto>("/api/billing/plan-change?planCode=pro"))!;
        quote.Immediate.ShouldBeTrue();
        quote.AmountTiyin.ShouldBe(expected);

        _paylov.Latency = TimeSpan.FromMilliseconds(20); // so the two requests overlap at Paylov
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => owner.Http.PutAsJsonAsync("/api/billing/plan", new { planCode = "pro" })));

        responses.ShouldContain(r => r.StatusCode == HttpStatusCode.OK);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var upgradeKey = subscription.UpgradePeriodKey("pro");
        _paylov.Charges.Where(c => c.OrderKey.Contains(upgradeKey, StringComparison.Ordinal)).ShouldHaveSingleItem().AmountTiyin.ShouldBe(expected);
        var upgraded = await SubscriptionAsync(app);
        upgraded.PlanCode.ShouldBe("pro");
        upgraded.CurrentPeriodEnd.ShouldBe(subscription.CurrentPeriodEnd, "the paid period stays; only the plan changes");
        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;
        var payment = billing.Payments.Where(p => p.PlanCode == "pro").ShouldHaveSingleItem();
        payment.AmountTiyin.ShouldBe(expected);
        payment.Status.ShouldBe(ChargeStatus.Succeeded);
        payment.ReceiptUrl.ShouldNotBeNull().ShouldStartWith("https://ofd.soliq.uz/");
        // The receipt line says what was paid: the plan, prorated, from today to the end of the period.
        var upgradeTransaction = _paylov.Charges.Single(c => c.OrderKey.Contains(upgradeKey, StringComparison.Ordinal)).TransactionId;
        var line = _paylov.Requests.Single(r => r.Path == "/merchant/fiscalization/register/" && (string?)r.Body!["transactionId"] == upgradeTransaction)
            .Body!["items"]![0]!;
        ((string?)line["title"]).ShouldBe(
            $"VirtuOps Pro obunasi, qolgan kunlar uchun mutanosib hisob (prorated), {app.Time.GetUtcNow():dd.MM.yyyy}–{subscription.CurrentPeriodEnd.UtcDateTime:dd.MM.yyyy}");
        ((long?)line["price"]).ShouldBe(expected);

        // Sent again once applied, it is no change at all: nothing more is charged.
        (await owner.Http.PutAsJsonAsync("/api/billing/plan", new { planCode = "pro" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        _paylov.Charges.Count(c => c.OrderKey.Contains(upgradeKey, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task An_upgrade_during_the_trial_applies_at_once_charges_nothing_and_is_the_plan_the_first_charge_pays()
    {
        await using var app = new PaylovHttpApiFactory(_paylov);
        using var owner = new SpaClient(app);
        await owner.RegisterVerifiedOwnerAsync("upgrade-trial@example.uz", "+998901001809");

        var quote = (await owner.GetAsync<PlanChangeDto>("/api/billing/plan-change?planCode=pro"))!;
        (quote.Immediate, quote.AmountTiyin).ShouldBe((true, 0L));
        var answer = await owner.Http.PutAsJsonAsync("/api/billing/plan", new { planCode = "pro" });

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;
        billing.Subscription!.Status.ShouldBe(SubscriptionStatus.Trialing);
        (billing.Subscription.PlanCode, billing.Subscription.PendingPlanCode).ShouldBe(("pro", null));
        billing.Payments.ShouldBeEmpty();
        _paylov.Creates.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_downgrade_waits_for_the_next_period_and_warns_about_the_limits_the_usage_exceeds()
    {
        await using var app = new PaylovHttpApiFactory(_paylov);
        using var owner = await SubscribedOwnerAsync(app, "downgrade@example.uz", "+998901001802", "biznes");
        for (var i = 0; i < 3; i++)
            await BotTestData.CreateBotAsync(owner, $"Bot {i}");
        var subscription = await SubscriptionAsync(app);
        var paymentsBefore = _paylov.Charges.Count;

        var changed = await owner.Http.PutAsJsonAsync("/api/billing/plan", new { planCode = "start" });

        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var change = (await changed.Content.ReadFromJsonAsync<PlanChangeDto>(SpaClient.Json))!;
        change.Immediate.ShouldBeFalse();
        change.AmountTiyin.ShouldBe(0);
        change.EffectiveAt.ShouldBe(subscription.CurrentPeriodEnd);
        change.ExceededLimits.ShouldBe([new ExceededLimitDto("bots", 3, 1)]);
        var after = await SubscriptionAsync(app);
        after.PlanCode.ShouldBe("biznes", "the paid month stays on the plan paid for");
        after.PendingPlanCode.ShouldBe("start");
        _paylov.Charges.Count.ShouldBe(paymentsBefore);
    }

    [Fact]
    public async Task An_upgrade_whose_payment_went_unanswered_is_settled_by_the_next_request_with_one_payment()
    {
        await using var app = new PaylovHttpApiFactory(_paylov) { NoRetryDelay = true };
        using var owner = await SubscribedOwnerAsync(app, "upgrade-unknown@example.uz", "+998901001803", "start");
        var upgradeKey = (await SubscriptionAsync(app)).UpgradePeriodKey("biznes");
        _paylov.FailNextPayments(10); // every try of the pay call fails: the outcome is unknown

        var unanswered = await owner.Http.PutAsJsonAsync("/api/billing/plan", new { planCode = "biznes" });

        unanswered.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await SubscriptionAsync(app)).PlanCode.ShouldBe("start", "nothing is applied before Paylov confirms the payment");
        _paylov.FailNextPayments(0);

        (await owner.Http.PutAsJsonAsync("/api/billing/plan", new { planCode = "biznes" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await SubscriptionAsync(app)).PlanCode.ShouldBe("biznes");
        _paylov.Charges.Where(c => c.OrderKey.Contains(upgradeKey, StringComparison.Ordinal)).ShouldHaveSingleItem();
        _paylov.Creates.Count(c => ((string?)c.Body!["account"]!["order_id"])!.Contains(upgradeKey, StringComparison.Ordinal))
            .ShouldBe(1, "the retry pays the transaction saved by the first request, not a new one");
    }
}
