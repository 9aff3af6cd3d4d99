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

    /// <summary>
    /// The state a crash leaves mid-renewal: our pending charge row is saved and Paylov has charged the card with its
    /// idempotency key, but Paylov's answer was never saved.
    /// </summary>
    public static async Task<Charge> PaylovChargedButNotSavedAsync(VirtuOpsApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VirtuOps.Infrastructure.Data.ApplicationDbContext>();
        var subscription = await db.Subscriptions.IgnoreQueryFilters().SingleAsync();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(subscription.TenantId);
        var pending = Charge.Begin(subscription, 1, 19_900_000, factory.Time.GetUtcNow());
        db.Charges.Add(pending);
        await db.SaveChangesAsync();

        var card = await db.PaymentMethods.SingleAsync(p => p.RemovedAt == null);
        var token = scope.ServiceProvider.GetRequiredService<ISecretProtector>().Unprotect(card.EncryptedToken, card.Id.ToString());
        var charged = await scope.ServiceProvider.GetRequiredService<IPaylovClient>().ChargeAsync(
            new ChargeRequest(token, pending.AmountTiyin, pending.IdempotencyKey, "renewal",
                new FiscalItem("renewal", "10305008003000000", "1545643", 1, pending.AmountTiyin, 12)), CancellationToken.None);
        charged.State.ShouldBe(PaylovTransactionState.Succeeded);
        return pending;
    }
}
