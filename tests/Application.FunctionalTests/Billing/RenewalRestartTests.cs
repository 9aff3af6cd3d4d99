using System.Net.Http.Json;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Domain.Billing;

namespace Application.FunctionalTests.Billing;

/// <summary>The app talking to a (fake) Paylov over HTTP through the real adapter; the fake outlives app restarts.</summary>
internal sealed class PaylovHttpApiFactory(FakePaylovServer paylov, string? databasePath = null)
    : VirtuOpsApiFactory(databasePath ?? Path.Combine(Path.GetTempPath(), $"virtuops-ft-{Guid.NewGuid():N}.db"))
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Paylov:BaseUrl", paylov.BaseUrl);
        builder.UseSetting("Paylov:MerchantId", FakePaylovServer.MerchantId);
        builder.UseSetting("Paylov:ApiKey", FakePaylovServer.ApiKey);
        builder.UseSetting("Paylov:CallbackUserName", FakePaylovServer.CallbackUserName);
        builder.UseSetting("Paylov:CallbackPassword", FakePaylovServer.CallbackPassword);
    }
}

public sealed class RenewalRestartTests : IAsyncLifetime
{
    private FakePaylovServer _paylov = null!;

    public async Task InitializeAsync() => _paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync() => await _paylov.DisposeAsync();

    [Fact]
    public async Task A_process_killed_after_paylov_charged_but_before_saving_settles_that_charge_after_restart_and_charges_nothing_twice()
    {
        string databasePath;
        Charge pending;
        await using (var first = new PaylovHttpApiFactory(_paylov) { KeepDatabase = true })
        {
            databasePath = first.DatabasePath;
            using var owner = new SpaClient(first);
            await owner.RegisterVerifiedOwnerAsync("restart@example.uz", "+998901000400");
            var started = await (await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" }))
                .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json);
            var sessionId = await first.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Select(c => c.PaylovSessionId).SingleAsync());
            _paylov.EnterOtp(sessionId, FakePaylovServer.OtpCode); // the owner typed the card and the SMS code on Paylov's page
            (await owner.Http.PostAsync($"/api/billing/checkout/{started!.CheckoutId}/complete", null)).EnsureSuccessStatusCode();
            first.Time.Advance(TimeSpan.FromDays(32));

            // The renewal's first half: the pending row is saved and Paylov charges the card...
            pending = await BillingTestSteps.PaylovChargedButNotSavedAsync(first);
            // ...and the process dies here, before the answer is saved.
        }

        await using var restarted = new PaylovHttpApiFactory(_paylov, databasePath);
        restarted.Time.Advance(TimeSpan.FromDays(32));
        var run = await BillingTestSteps.RunBillingJobAsync(restarted);
        await BillingTestSteps.RunBillingJobAsync(restarted);

        run.Renewed.ShouldBe(1);
        var charges = await restarted.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.PeriodKey == pending.PeriodKey).ToListAsync());
        charges.ShouldHaveSingleItem().Status.ShouldBe(ChargeStatus.Succeeded);
        _paylov.Charges.Count(c => c.IdempotencyKey == pending.IdempotencyKey).ShouldBe(1);
    }
}
