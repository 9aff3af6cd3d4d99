using System.Net;
using System.Net.Http.Json;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Application.Consents.Commands.WithdrawConsent;
using VirtuOps.Application.Consents.Queries.GetMyConsents;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Consents;

namespace Application.FunctionalTests.Billing;

/// <summary>
/// The recurring-charges consent is what lets us charge a stored card: withdrawing it cancels exactly as the Cancel
/// button does, and the renewal job checks it again before every charge. Paylov is the recording fake.
/// </summary>
public sealed class RecurringChargesConsentTests : IAsyncLifetime
{
    private FakePaylovServer _paylov = null!;
    private PaylovHttpApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _paylov = await FakePaylovServer.StartAsync();
        _factory = new PaylovHttpApiFactory(_paylov);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _paylov.DisposeAsync();
    }

    private async Task<SpaClient> SubscribedOwnerAsync(string email, string phone)
    {
        var owner = new SpaClient(_factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var started = await (await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" }))
            .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json);
        var sessionId = await _factory.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Select(c => c.PaylovSessionId).SingleAsync());
        _paylov.EnterOtp(sessionId, FakePaylovServer.OtpCode); // the owner typed the card and the SMS code on Paylov's page
        (await owner.Http.PostAsync($"/api/billing/checkout/{started!.CheckoutId}/complete", null)).EnsureSuccessStatusCode();
        return owner;
    }

    private Task<Subscription> SubscriptionAsync() =>
        _factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().SingleAsync());

    private Task<List<PaymentMethod>> CardsAsync() =>
        _factory.QueryDatabaseAsync(db => db.PaymentMethods.IgnoreQueryFilters().ToListAsync());

    [Fact]
    public async Task Withdrawing_the_consent_cancels_as_cancel_does_the_card_is_deleted_here_and_at_paylov_and_no_renewal_is_charged()
    {
        using var owner = await SubscribedOwnerAsync("consent-withdraw@example.uz", "+998901000410");
        var paymentsBefore = _paylov.PaymentAttempts.Count;

        var withdrawal = await owner.Http.PostAsync("/api/privacy/consents/RecurringCharges/withdraw", null);

        withdrawal.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withdrawal.Content.ReadFromJsonAsync<ConsentWithdrawnDto>(SpaClient.Json))!.Kind.ShouldBe(ConsentKind.RecurringCharges);
        _paylov.RemovedCards.ShouldHaveSingleItem();
        (await CardsAsync()).ShouldAllBe(c => c.RemovedAt != null && c.EncryptedToken == "");
        (await owner.GetAsync<BillingDto>("/api/billing"))!.Subscription!.CancelAtPeriodEnd.ShouldBeTrue();
        var consents = (await owner.GetAsync<List<ConsentRecordDto>>("/api/privacy/consents"))!;
        consents.Where(c => c.Kind == ConsentKind.RecurringCharges).Count(c => c.Action == ConsentAction.Withdrawn).ShouldBe(1);

        _factory.Time.Advance(TimeSpan.FromDays(32));
        await BillingTestSteps.RunBillingJobAsync(_factory);

        _paylov.PaymentAttempts.Count.ShouldBe(paymentsBefore);
        (await SubscriptionAsync()).Status.ShouldBe(SubscriptionStatus.Canceled);
    }

    /// <summary>Withdrawn without the cancellation (by any path but the two that cancel): the card is still stored.</summary>
    private async Task ConsentWithdrawnElsewhereAsync()
    {
        await _factory.QueryDatabaseAsync(async db =>
        {
            var grant = await db.ConsentRecords.SingleAsync(c => c.Kind == ConsentKind.RecurringCharges);
            db.ConsentRecords.Add(ConsentRecord.Withdraw(grant.UserId, grant.TenantId, ConsentKind.RecurringCharges, grant.DocumentVersion,
                _factory.Time.GetUtcNow(), null, null, "Withdrawn elsewhere."));
            return await db.SaveChangesAsync();
        });
        (await CardsAsync()).ShouldContain(c => c.RemovedAt == null);
    }

    [Fact]
    public async Task A_due_renewal_whose_consent_was_withdrawn_by_another_path_is_not_charged_and_the_subscription_ends()
    {
        using var owner = await SubscribedOwnerAsync("consent-guard@example.uz", "+998901000411");
        await ConsentWithdrawnElsewhereAsync();
        var paymentsBefore = _paylov.PaymentAttempts.Count;
        _factory.Time.Advance(TimeSpan.FromDays(32));

        var run = await BillingTestSteps.RunBillingJobAsync(_factory);

        _paylov.PaymentAttempts.Count.ShouldBe(paymentsBefore);
        run.WithoutConsent.ShouldBe(1);
        run.Renewed.ShouldBe(0);
        var subscription = await SubscriptionAsync();
        subscription.Status.ShouldBe(SubscriptionStatus.Canceled);
        (await _factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().CountAsync(c => c.SubscriptionId == subscription.Id)))
            .ShouldBe(1, "only the first month: no renewal attempt is even begun without the consent");
    }

    [Fact]
    public async Task The_one_at_a_time_renewal_that_paylov_callbacks_use_also_refuses_without_the_consent()
    {
        using var owner = await SubscribedOwnerAsync("consent-guard-one@example.uz", "+998901000412");
        await ConsentWithdrawnElsewhereAsync();
        var paymentsBefore = _paylov.PaymentAttempts.Count;
        _factory.Time.Advance(TimeSpan.FromDays(32));
        var subscription = await SubscriptionAsync();

        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(subscription.TenantId);
        var outcome = await scope.ServiceProvider.GetRequiredService<RenewalProcessor>().RenewAsync(subscription.Id, CancellationToken.None);

        _paylov.PaymentAttempts.Count.ShouldBe(paymentsBefore);
        outcome.ShouldBe(RenewalOutcome.WithoutConsent);
        (await SubscriptionAsync()).Status.ShouldBe(SubscriptionStatus.Canceled);
    }
}
