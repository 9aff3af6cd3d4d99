using System.Net.Http.Json;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Domain.Billing;

namespace Application.FunctionalTests.Billing;

/// <summary>The app talking to a (fake) Paylov over HTTP through the real adapter; the fake outlives app restarts.</summary>
internal class PaylovHttpApiFactory(FakePaylovServer paylov, string? databasePath = null)
    : VirtuOpsApiFactory(databasePath ?? Path.Combine(Path.GetTempPath(), $"virtuops-ft-{Guid.NewGuid():N}.db"))
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Paylov:BaseUrl", paylov.BaseUrl);
        builder.UseSetting("Paylov:ConsumerKey", FakePaylovServer.ConsumerKey);
        builder.UseSetting("Paylov:ConsumerSecret", FakePaylovServer.ConsumerSecret);
        builder.UseSetting("Paylov:UserName", FakePaylovServer.UserName);
        builder.UseSetting("Paylov:Password", FakePaylovServer.Password);
        builder.UseSetting("Paylov:CallbackUserName", FakePaylovServer.CallbackUserName);
        builder.UseSetting("Paylov:CallbackPassword", FakePaylovServer.CallbackPassword);
        // The retries' backoff waits on the app's clock, which stands still in tests: without a delay they run at once.
        if (NoRetryDelay)
            builder.UseSetting("Paylov:RetryDelay", "00:00:00");
        if (CardBinding is { } mode)
            builder.UseSetting("Paylov:CardBinding", mode);
    }

    public bool NoRetryDelay { get; init; }

    /// <summary><c>Paylov:CardBinding</c>: "Direct" for our card form and the SMS code; unset, the hosted page.</summary>
    public string? CardBinding { get; init; }
}

public sealed class RenewalRestartTests : IAsyncLifetime
{
    private FakePaylovServer _paylov = null!;

    public async Task InitializeAsync() => _paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync() => await _paylov.DisposeAsync();

    /// <summary>An owner subscribed through the (assumed) hosted page at the fake, and the clock moved past the paid month.</summary>
    private async Task SubscribeAndBecomeDueAsync(PaylovHttpApiFactory app, string email, string phone)
    {
        using var owner = new SpaClient(app);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var started = await (await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" }))
            .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json);
        var sessionId = await app.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(c => c.Id == started!.CheckoutId).Select(c => c.PaylovSessionId).SingleAsync());
        _paylov.EnterOtp(sessionId, FakePaylovServer.OtpCode); // the owner typed the card and the SMS code on Paylov's page
        (await owner.Http.PostAsync($"/api/billing/checkout/{started!.CheckoutId}/complete", null)).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData(BillingTestSteps.RenewalCrash.AfterCreate)]
    [InlineData(BillingTestSteps.RenewalCrash.AfterPay)]
    public async Task A_process_killed_mid_renewal_settles_that_charge_after_restart_with_one_payment_at_paylov(BillingTestSteps.RenewalCrash crash)
    {
        string databasePath;
        Charge pending;
        await using (var first = new PaylovHttpApiFactory(_paylov) { KeepDatabase = true })
        {
            databasePath = first.DatabasePath;
            await SubscribeAndBecomeDueAsync(first, "restart@example.uz", "+998901000400");
            first.Time.Advance(TimeSpan.FromDays(32));

            // The renewal's first half: the pending row is saved and Paylov is called...
            (pending, _) = await BillingTestSteps.RenewalCrashedAsync(first, crash);
            // ...and the process dies here, before the rest is saved.
        }

        await using var restarted = new PaylovHttpApiFactory(_paylov, databasePath);
        restarted.Time.Advance(TimeSpan.FromDays(32));
        var run = await BillingTestSteps.RunBillingJobAsync(restarted);
        await BillingTestSteps.RunBillingJobAsync(restarted);

        run.Renewed.ShouldBe(1);
        var charge = (await restarted.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.PeriodKey == pending.PeriodKey).ToListAsync()))
            .ShouldHaveSingleItem();
        charge.Status.ShouldBe(ChargeStatus.Succeeded);
        var paid = _paylov.Charges.Where(c => c.OrderKey == pending.IdempotencyKey).ShouldHaveSingleItem();
        paid.TransactionId.ShouldBe(charge.TransactionId);
        // After a crash before the id was saved a second transaction is created (the first is never paid); after one
        // past the payment the saved transaction is settled, not created again.
        _paylov.Creates.Count(c => (string?)c.Body!["account"]!["order_id"] == pending.IdempotencyKey).ShouldBe(crash == BillingTestSteps.RenewalCrash.AfterCreate ? 2 : 1);
        var receipt = await restarted.QueryDatabaseAsync(db => db.FiscalReceipts.IgnoreQueryFilters().SingleAsync(r => r.ChargeId == charge.Id));
        receipt.Url.ShouldStartWith("https://ofd.soliq.uz/");
    }

    [Fact]
    public async Task Two_billing_runs_at_once_against_paylov_pay_each_due_renewal_once_and_register_one_receipt_each()
    {
        await using var app = new PaylovHttpApiFactory(_paylov);
        for (var i = 0; i < 3; i++)
            await SubscribeAndBecomeDueAsync(app, $"concurrent-{i}@example.uz", $"+99890100041{i}");
        app.Time.Advance(TimeSpan.FromDays(32));
        _paylov.Latency = TimeSpan.FromMilliseconds(20); // so the runs overlap at Paylov

        await Task.WhenAll(BillingTestSteps.RunBillingJobAsync(app), BillingTestSteps.RunBillingJobAsync(app));
        await BillingTestSteps.RunBillingJobAsync(app);

        var renewals = _paylov.Charges.Where(c => c.OrderKey.StartsWith("sub_", StringComparison.Ordinal)).ToList();
        renewals.Count.ShouldBe(3);
        renewals.Select(c => c.OrderKey).ShouldBeUnique();
        var paidInDatabase = await app.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.Status == ChargeStatus.Succeeded).CountAsync());
        paidInDatabase.ShouldBe(6); // three first months, three renewals
        (await app.QueryDatabaseAsync(db => db.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.EmailedAt != null))).ShouldBe(6);
    }
}
