using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Billing.Queries.GetBilling;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Consents.Queries.GetMyConsents;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Consents;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Application.FunctionalTests.Billing;

/// <summary>Each test has an app of its own: billing runs serve every tenant and the tests move the clock.</summary>
public sealed class SubscriptionBillingTests : IAsyncLifetime
{
    private readonly VirtuOpsApiFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    private async Task<SpaClient> SubscribedOwnerAsync(string email, string phone, string card = SandboxCards.UzCardSucceeds)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        (await BillingTestSteps.SubscribeAsync(factory, owner, card)).Status.ShouldBe(CheckoutStatus.Completed);
        return owner;
    }

    private Task<List<Charge>> ChargesOfAsync(Guid subscriptionId) =>
        factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.SubscriptionId == subscriptionId).ToListAsync());

    private Task<Subscription> SubscriptionOfAsync(string ownerEmail) =>
        factory.QueryDatabaseAsync(async db =>
        {
            var tenantId = await db.Users.Where(u => u.Email == ownerEmail).Select(u => u.TenantId).SingleAsync();
            return await db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.TenantId == tenantId);
        });

    [Fact]
    public async Task Subscribing_with_a_card_that_needs_an_sms_code_keeps_only_a_masked_card_records_consent_and_emails_a_receipt()
    {
        using var owner = await SubscribedOwnerAsync("billing-otp@example.uz", "+998901000200", SandboxCards.RequiresOtp);

        var billing = (await owner.GetAsync<BillingDto>("/api/billing"))!;
        billing.Subscription!.Status.ShouldBe(SubscriptionStatus.Active);
        billing.Card!.MaskedPan.ShouldBe("860000******0031");
        billing.Payments.ShouldHaveSingleItem().Status.ShouldBe(ChargeStatus.Succeeded);
        billing.Payments[0].ReceiptUrl.ShouldNotBeNullOrEmpty();
        var consents = (await owner.GetAsync<List<ConsentRecordDto>>("/api/privacy/consents"))!;
        consents.ShouldContain(c => c.Kind == ConsentKind.RecurringCharges && c.Action == ConsentAction.Granted && c.IpAddress != null);
        (await owner.LatestMessageToAsync("billing-otp@example.uz")).Body.ShouldContain(billing.Payments[0].ReceiptUrl!);
    }

    [Fact]
    public async Task Completing_one_checkout_twice_at_once_binds_and_charges_once_and_never_answers_500()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("billing-double@example.uz", "+998901000230");
        var started = await owner.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "start", purpose = "Subscribe" });
        var checkout = (await started.Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json))!;
        using var paylovPage = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await paylovPage.PostAsync(new Uri(checkout.RedirectUrl).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["card_number"] = SandboxCards.UzCardSucceeds, ["expiry"] = "07/39", ["cvv"] = "123",
        }))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => owner.Http.PostAsync($"/api/billing/checkout/{checkout.CheckoutId}/complete", null)));

        answers.Select(a => a.StatusCode).ShouldAllBe(status => status == HttpStatusCode.OK || status == HttpStatusCode.Conflict);
        answers.ShouldContain(a => a.StatusCode == HttpStatusCode.OK);
        var subscription = await SubscriptionOfAsync("billing-double@example.uz");
        (await ChargesOfAsync(subscription.Id)).Count(c => c.Status == ChargeStatus.Succeeded).ShouldBe(1);
        (await factory.QueryDatabaseAsync(db => db.PaymentMethods.IgnoreQueryFilters().CountAsync(p => p.TenantId == subscription.TenantId))).ShouldBe(1);
    }

    [Fact]
    public async Task Two_billing_runs_at_once_and_a_rerun_charge_each_due_period_exactly_once()
    {
        using var owner = await SubscribedOwnerAsync("billing-once@example.uz", "+998901000201");
        var subscription = await SubscriptionOfAsync("billing-once@example.uz");
        factory.Time.Advance(TimeSpan.FromDays(32));

        await Task.WhenAll(BillingTestSteps.RunBillingJobAsync(factory), BillingTestSteps.RunBillingJobAsync(factory));
        await BillingTestSteps.RunBillingJobAsync(factory);

        var charges = await ChargesOfAsync(subscription.Id);
        charges.Count(c => c.Status == ChargeStatus.Succeeded).ShouldBe(2); // the first month and one renewal
        charges.Where(c => c.Status == ChargeStatus.Succeeded).Select(c => c.PeriodKey).ShouldBeUnique();
        (await SubscriptionOfAsync("billing-once@example.uz")).CurrentPeriodEnd.ShouldBe(subscription.CurrentPeriodEnd.AddMonths(1));
    }

    [Fact]
    public async Task Two_billing_runs_at_once_over_several_tenants_charge_each_exactly_once_and_email_each_renewal_receipt()
    {
        string[] emails = ["billing-many-1@example.uz", "billing-many-2@example.uz", "billing-many-3@example.uz"];
        var owners = new List<SpaClient>();
        for (var i = 0; i < emails.Length; i++)
            owners.Add(await SubscribedOwnerAsync(emails[i], $"+99890100030{i}"));
        factory.Time.Advance(TimeSpan.FromDays(32));

        await Task.WhenAll(BillingTestSteps.RunBillingJobAsync(factory), BillingTestSteps.RunBillingJobAsync(factory));

        foreach (var (owner, email) in owners.Zip(emails))
        {
            var subscription = await SubscriptionOfAsync(email);
            var charges = await ChargesOfAsync(subscription.Id);
            charges.Count.ShouldBe(2);
            charges.ShouldAllBe(c => c.Status == ChargeStatus.Succeeded); // the first month and one renewal
            var renewal = charges.MaxBy(c => c.AttemptedAt)!;
            var receipt = await factory.QueryDatabaseAsync(db => db.FiscalReceipts.IgnoreQueryFilters().SingleAsync(r => r.ChargeId == renewal.Id));
            receipt.EmailedAt.ShouldNotBeNull();
            (await owner.LatestMessageToAsync(email)).Body.ShouldContain(receipt.Url!);
            owner.Dispose();
        }
    }

    [Fact]
    public async Task A_charge_left_pending_by_a_crash_after_paylov_answered_is_settled_from_paylov_not_charged_again()
    {
        using var owner = await SubscribedOwnerAsync("billing-crash@example.uz", "+998901000202");
        var subscription = await SubscriptionOfAsync("billing-crash@example.uz");
        factory.Time.Advance(TimeSpan.FromDays(32));

        var (pending, _) = await BillingTestSteps.RenewalCrashedAsync(factory);

        var run = await BillingTestSteps.RunBillingJobAsync(factory);

        run.Renewed.ShouldBe(1);
        var renewal = (await ChargesOfAsync(subscription.Id)).Where(c => c.PeriodKey == pending.PeriodKey).ShouldHaveSingleItem();
        (renewal.Id, renewal.Status).ShouldBe((pending.Id, ChargeStatus.Succeeded));
    }

    [Fact]
    public async Task Failed_renewals_follow_the_dunning_schedule_then_suspend_and_the_owner_is_told_each_time()
    {
        using var owner = await SubscribedOwnerAsync("billing-dunning@example.uz", "+998901000203", SandboxCards.RenewalsFail);
        var mailsBefore = await owner.MessageCountToAsync("billing-dunning@example.uz");
        factory.Time.Advance(TimeSpan.FromDays(31));

        (await BillingTestSteps.RunBillingJobAsync(factory)).ShouldNotBeNull();
        (await SubscriptionOfAsync("billing-dunning@example.uz")).Status.ShouldBe(SubscriptionStatus.PastDue);
        foreach (var days in Subscription.DunningScheduleDays)
        {
            factory.Time.Advance(TimeSpan.FromDays(days));
            await BillingTestSteps.RunBillingJobAsync(factory);
        }

        var subscription = await SubscriptionOfAsync("billing-dunning@example.uz");
        subscription.Status.ShouldBe(SubscriptionStatus.Suspended);
        using var again = new SpaClient(factory); // weeks passed: the session expired, so the owner signs in again
        (await again.SignInAsync("billing-dunning@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        (await ChargesOfAsync(subscription.Id)).Count(c => c.Status == ChargeStatus.Failed).ShouldBe(4);
        (await owner.MessageCountToAsync("billing-dunning@example.uz")).ShouldBe(mailsBefore + 4);
        (await again.GetAsync<BillingDto>("/api/billing"))!.PaymentFailed.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancelling_deletes_the_card_token_withdraws_the_consent_and_nothing_is_charged_again()
    {
        using var owner = await SubscribedOwnerAsync("billing-cancel@example.uz", "+998901000204");
        var subscription = await SubscriptionOfAsync("billing-cancel@example.uz");

        (await owner.Http.PostAsync("/api/billing/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var cards = await factory.QueryDatabaseAsync(db => db.PaymentMethods.IgnoreQueryFilters().Where(p => p.TenantId == subscription.TenantId).ToListAsync());
        cards.ShouldAllBe(c => c.RemovedAt != null && c.EncryptedToken == "");
        var consents = (await owner.GetAsync<List<ConsentRecordDto>>("/api/privacy/consents"))!;
        consents.First(c => c.Kind == ConsentKind.RecurringCharges).Action.ShouldBe(ConsentAction.Withdrawn);
        (await owner.GetAsync<BillingDto>("/api/billing"))!.Subscription!.CancelAtPeriodEnd.ShouldBeTrue();

        factory.Time.Advance(TimeSpan.FromDays(40));
        await BillingTestSteps.RunBillingJobAsync(factory);

        (await SubscriptionOfAsync("billing-cancel@example.uz")).Status.ShouldBe(SubscriptionStatus.Canceled);
        (await ChargesOfAsync(subscription.Id)).ShouldHaveSingleItem(); // only the first month
    }

    [Fact]
    public async Task The_card_token_is_never_stored_in_plain_text_and_cannot_be_moved_to_another_row()
    {
        using var owner = await SubscribedOwnerAsync("billing-token@example.uz", "+998901000205");
        var subscription = await SubscriptionOfAsync("billing-token@example.uz");
        var checkout = await factory.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().SingleAsync(c => c.TenantId == subscription.TenantId));
        var token = (await factory.Services.GetRequiredService<IPaylovClient>().GetCardBindingAsync(checkout.PaylovSessionId, default)).Card!.CardId;
        var card = await factory.QueryDatabaseAsync(db => db.PaymentMethods.IgnoreQueryFilters().SingleAsync(p => p.TenantId == subscription.TenantId));

        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            bytes.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)).ShouldBe(-1, $"{Path.GetFileName(file)} holds the card token");
        }

        var secrets = factory.Services.GetRequiredService<ISecretProtector>();
        secrets.Unprotect(card.EncryptedToken, card.Id.ToString()).ShouldBe(token);
        Should.Throw<CryptographicException>(() => secrets.Unprotect(card.EncryptedToken, Guid.CreateVersion7().ToString()));
    }
}
