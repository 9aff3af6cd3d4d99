using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Domain.Billing;
using VirtuOps.Infrastructure.Paylov;

namespace Application.FunctionalTests.Billing;

/// <summary>The app with a Paylov callback secret, as production has one.</summary>
public sealed class PaylovCallbackApiFactory : VirtuOpsApiFactory
{
    public const string CallbackSecret = "test-callback-secret-0123456789";

    protected override void ConfigureSettings(IWebHostBuilder builder) => builder.UseSetting("Paylov:CallbackSecret", CallbackSecret);
}

public sealed class PaylovCallbackTests : IAsyncLifetime
{
    private readonly PaylovCallbackApiFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    private async Task<HttpResponseMessage> PostCallbackAsync(string body, string? signature)
    {
        using var http = _factory.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (signature is not null)
            content.Headers.Add(PaylovSignature.HeaderName, signature);
        return await http.PostAsync("/api/webhooks/paylov", content);
    }

    [Fact]
    public async Task A_signed_callback_settles_a_pending_renewal_once_however_often_it_arrives_and_a_forged_one_changes_nothing()
    {
        using var owner = new SpaClient(_factory);
        await owner.RegisterVerifiedOwnerAsync("callback@example.uz", "+998901000300");
        (await BillingTestSteps.SubscribeAsync(_factory, owner)).Status.ShouldBe(CheckoutStatus.Completed);
        _factory.Time.Advance(TimeSpan.FromDays(32));

        var pending = await BillingTestSteps.PaylovChargedButNotSavedAsync(_factory);

        var body = $$"""{"event_id":"evt_1","type":"payment.state_changed","transaction_id":"t1","external_id":"{{pending.IdempotencyKey}}","state":"success"}""";
        var forged = await PostCallbackAsync(body, PaylovSignature.Compute("not-the-secret", Encoding.UTF8.GetBytes(body)));
        var unsigned = await PostCallbackAsync(body, signature: null);
        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unsigned.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().SingleAsync(c => c.Id == pending.Id))).Status.ShouldBe(ChargeStatus.Pending);

        var signature = PaylovSignature.Compute(PaylovCallbackApiFactory.CallbackSecret, Encoding.UTF8.GetBytes(body));
        for (var delivery = 0; delivery < 3; delivery++)
            (await PostCallbackAsync(body, signature)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var charges = await _factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.PeriodKey == pending.PeriodKey).ToListAsync());
        charges.ShouldHaveSingleItem().Status.ShouldBe(ChargeStatus.Succeeded);
        (await _factory.QueryDatabaseAsync(db => db.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.ChargeId == pending.Id))).ShouldBe(1);
        (await _factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync())).CurrentPeriodEnd.ShouldBeGreaterThan(_factory.Time.GetUtcNow());
    }
}
