using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
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

    /// <summary>What the daily billing job does: one run of the renewal command.</summary>
    public static async Task<RenewalRunSummary> RunBillingJobAsync(VirtuOpsApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ChargeDueSubscriptionsCommand());
    }
}
