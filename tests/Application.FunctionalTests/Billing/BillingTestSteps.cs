using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Common.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Commands.CompleteCheckout;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Billing;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Application.FunctionalTests.Billing;

/// <summary>What an owner does to subscribe, with the card typed on the (sandbox) Paylov page, not sent to our API.</summary>
public static class BillingTestSteps
{
    public static async Task<CheckoutResultDto> SubscribeAsync(VirtuOpsApiFactory factory, SpaClient owner, string card = SandboxCards.UzCardSucceeds,
        string planCode = "start", CheckoutPurpose purpose = CheckoutPurpose.Subscribe)
    {
        var started = await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode, purpose = purpose.ToString() });
        started.EnsureSuccessStatusCode();
        var checkout = (await started.Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json))!;

        using var paylovPage = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = new Uri(checkout.RedirectUrl).AbsolutePath;
        // The page answers each step with a redirect: to its OTP step, or back to our return URL.
        (await paylovPage.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["card_number"] = card, ["expiry"] = "07/39", ["cvv"] = "123",
        }))).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        if (card == SandboxCards.RequiresOtp)
            (await paylovPage.PostAsync(page + "/otp", new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = SandboxCards.OtpCode })))
                .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);

        var completed = await owner.Http.PostAsync($"/api/billing/checkout/{checkout.CheckoutId}/complete", null);
        completed.EnsureSuccessStatusCode();
        return (await completed.Content.ReadFromJsonAsync<CheckoutResultDto>(SpaClient.Json))!;
    }

    /// <summary>What the daily billing job does: one run of the renewal command, then of the receipts command.</summary>
    public static async Task<RenewalRunSummary> RunBillingJobAsync(VirtuOpsApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
        var renewals = await sender.Send(new ChargeDueSubscriptionsCommand());
        await sender.Send(new IssuePendingReceiptsCommand());
        return renewals;
    }

    /// <summary>Where a simulated crash stops a renewal.</summary>
    public enum RenewalCrash
    {
        /// <summary>Paylov created the transaction, and the process died before its id was saved.</summary>
        AfterCreate,

        /// <summary>The saved transaction was paid, and the process died before Paylov's answer was saved.</summary>
        AfterPay,
    }

    /// <summary>
    /// The state a crash leaves mid-renewal: our pending charge row is saved, then the renewal's Paylov calls are made
    /// up to <paramref name="crash"/>, and nothing after them is saved. Returns the charge and Paylov's transaction.
    /// </summary>
    public static async Task<(Charge Charge, string TransactionId)> RenewalCrashedAsync(VirtuOpsApiFactory factory, RenewalCrash crash = RenewalCrash.AfterPay)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VirtuOps.Infrastructure.Data.ApplicationDbContext>();
        var subscription = await db.Subscriptions.IgnoreQueryFilters().SingleAsync();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(subscription.TenantId);
        var pending = Charge.Begin(subscription, 1, 19_900_000, factory.Time.GetUtcNow());
        db.Charges.Add(pending);
        await db.SaveChangesAsync();

        var paylov = scope.ServiceProvider.GetRequiredService<IPaylovClient>();
        var userId = PaylovUser.Of(subscription.TenantId);
        var transactionId = await paylov.CreateChargeAsync(new NewCharge(userId, pending.AmountTiyin, pending.IdempotencyKey), CancellationToken.None);
        if (crash == RenewalCrash.AfterCreate)
            return (pending, transactionId);

        pending.CreatedAtPaylov(transactionId);
        await db.SaveChangesAsync();
        var card = await db.PaymentMethods.SingleAsync(p => p.RemovedAt == null);
        var cardId = scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(card.EncryptedToken, card.Id.ToString());
        (await paylov.PayAsync(new PayRequest(transactionId, cardId, userId), CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Succeeded);
        return (pending, transactionId);
    }
}
