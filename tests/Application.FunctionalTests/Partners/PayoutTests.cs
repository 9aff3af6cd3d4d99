using System.Net;
using System.Net.Http.Json;
using System.Text;
using Application.FunctionalTests.Admin;
using Application.FunctionalTests.Billing;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.AdminPayouts.Common;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Partners.Commands.AccrueCommissions;
using VirtuOps.Application.Partners.Queries.GetMyPartner;
using VirtuOps.Application.Partners.Queries.GetPayoutAccount;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Partners;

/// <summary>
/// Payout details (PINFL checked with Paylov against the payout card, kept encrypted), payout requests within the
/// balance, and an Admin's approval paying each exactly once by A2C at the fake Paylov, reconciled by our id after a crash.
/// </summary>
public sealed class PayoutTests : IAsyncLifetime
{
    /// <summary>The fake Paylov, and a minimum payout (10,000 UZS) that lets one month's commission be paid out in two.</summary>
    private sealed class PayoutApiFactory(FakePaylovServer paylov) : PaylovHttpApiFactory(paylov)
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            base.ConfigureSettings(builder);
            builder.UseSetting("Partners:MinimumPayoutTiyin", "1000000");
        }
    }

    private FakePaylovServer _paylov = null!;

    public async Task InitializeAsync() => _paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync() => await _paylov.DisposeAsync();

    private static async Task<SpaClient> PartnerAsync(PaylovHttpApiFactory app, string email, string phone)
    {
        var owner = new SpaClient(app);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        (await owner.Http.PostAsync("/api/partners/me", null)).EnsureSuccessStatusCode();
        return owner;
    }

    private static Task<HttpResponseMessage> BindPayoutCardAsync(SpaClient owner) =>
        BindPayoutCardAsync(owner, FakePaylovServer.OtpCode);

    private static async Task<HttpResponseMessage> BindPayoutCardAsync(SpaClient owner, string otp)
    {
        var started = await owner.Http.PostAsJsonAsync("/api/partners/me/payout-card", new { cardNumber = FakePaylovServer.CardNumberThatBinds, expiryYyMm = "2907" });
        started.EnsureSuccessStatusCode();
        var sent = (await started.Content.ReadFromJsonAsync<CardOtpSent>(SpaClient.Json))!;
        return await owner.Http.PostAsJsonAsync("/api/partners/me/payout-card/confirm", new { bindingId = sent.BindingId, otp });
    }

    /// <summary>A partner paid by PINFL to a checked card, with the commission on a referred tenant's Pro month (19,980,000 tiyin) to spend.</summary>
    private async Task<SpaClient> ReadyPartnerWithBalanceAsync(PaylovHttpApiFactory app, string email, string phone, string referredEmail, string referredPhone)
    {
        var partner = await PartnerAsync(app, email, phone);
        (await partner.Http.PutAsJsonAsync("/api/partners/me/payout-details", new { kind = "Individual", pinfl = FakePaylovServer.HolderPinfl }))
            .EnsureSuccessStatusCode();
        (await BindPayoutCardAsync(partner)).EnsureSuccessStatusCode();
        var code = (await partner.GetAsync<PartnerDto>("/api/partners/me"))!.ReferralCode;

        using var referred = new SpaClient(app);
        await referred.RegisterVerifiedOwnerAsync(referredEmail, referredPhone, code);
        var started = await (await referred.Http.PostAsJsonAsync("/api/billing/checkout", new { planCode = "pro", purpose = "Subscribe" }))
            .Content.ReadFromJsonAsync<CheckoutStartedDto>(SpaClient.Json);
        var sessionId = await app.QueryDatabaseAsync(db => db.CheckoutSessions.IgnoreQueryFilters().Where(c => c.Id == started!.CheckoutId).Select(c => c.PaylovSessionId).SingleAsync());
        _paylov.EnterOtp(sessionId, FakePaylovServer.OtpCode);
        (await referred.Http.PostAsync($"/api/billing/checkout/{started!.CheckoutId}/complete", null)).EnsureSuccessStatusCode();
        await using (var scope = app.Services.CreateAsyncScope())
            (await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new AccrueCommissionsCommand())).ShouldBe(1);
        (await partner.GetAsync<PartnerDto>("/api/partners/me"))!.BalanceTiyin.ShouldBe(19_980_000);
        return partner;
    }

    private static async Task<PayoutDto> RequestAsync(SpaClient partner, long amountTiyin)
    {
        var response = await partner.Http.PostAsJsonAsync("/api/partners/me/payouts", new { amountTiyin });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PayoutDto>(SpaClient.Json))!;
    }

    private static async Task<SpaClient> AdminAsync(PaylovHttpApiFactory app)
    {
        var admin = new SpaClient(app);
        await admin.SignInAsDemoAdminAsync();
        return admin;
    }

    private static Task<HttpResponseMessage> ApproveAsync(SpaClient admin, Guid payoutId) =>
        admin.Http.PostAsJsonAsync($"/api/admin/payouts/{payoutId}/approve", new { reason = "Commission for November, checked" });

    [Fact]
    public async Task Payout_details_are_kept_encrypted_and_shown_masked_and_a_card_that_is_not_the_pinfl_holders_is_refused()
    {
        await using var app = new PayoutApiFactory(_paylov);
        using var stranger = new SpaClient(app);
        await stranger.RegisterVerifiedOwnerAsync("not-partner@example.uz", "+998901003001");
        (await stranger.Http.PutAsJsonAsync("/api/partners/me/payout-details", new { kind = "Individual", pinfl = FakePaylovServer.HolderPinfl }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "only partners give payout details");

        using var partner = await PartnerAsync(app, "payee@example.uz", "+998901003002");
        (await partner.Http.PutAsJsonAsync("/api/partners/me/payout-details", new { kind = "Individual", pinfl = "1234" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await partner.Http.PutAsJsonAsync("/api/partners/me/payout-details", new { kind = "Company", stir = "12345678", companyName = "Oila" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await partner.Http.PutAsJsonAsync("/api/partners/me/payout-details", new { kind = "Individual", pinfl = "30000000000000" })).EnsureSuccessStatusCode();

        // Someone else's card (Paylov: the PINFL does not match) is refused with a clear field error, and removed at Paylov.
        partner.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var refused = await BindPayoutCardAsync(partner);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("ПИНФЛ не принадлежит владельцу карты");
        _paylov.RemovedCards.ShouldHaveSingleItem();
        (await partner.GetAsync<PayoutAccountDto>("/api/partners/me/payout-account"))!.CardMaskedPan.ShouldBeNull();

        (await partner.Http.PutAsJsonAsync("/api/partners/me/payout-details", new { kind = "Individual", pinfl = FakePaylovServer.HolderPinfl })).EnsureSuccessStatusCode();
        (await BindPayoutCardAsync(partner)).EnsureSuccessStatusCode();

        var account = (await partner.GetAsync<PayoutAccountDto>("/api/partners/me/payout-account"))!;
        (account.Kind, account.MaskedTaxId, account.CardMaskedPan, account.PinflVerified, account.Ready)
            .ShouldBe((PayeeKind.Individual, "**********3456", "860000******0007", true, true));
        // Neither the PINFL nor the card number is anywhere in the database files.
        await app.QueryDatabaseAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));
        foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal" }.Where(File.Exists))
        {
            var text = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            text.ShouldNotContain(FakePaylovServer.HolderPinfl);
            text.ShouldNotContain(FakePaylovServer.CardNumberThatBinds);
        }
    }

    [Fact]
    public async Task A_payout_request_holds_its_amount_once_on_a_double_click_and_one_above_the_balance_or_below_the_minimum_is_refused()
    {
        await using var app = new PayoutApiFactory(_paylov);
        using var partner = await ReadyPartnerWithBalanceAsync(app, "payout-request@example.uz", "+998901003003", "payout-referred@example.uz", "+998901003004");

        (await partner.Http.PostAsJsonAsync("/api/partners/me/payouts", new { amountTiyin = 19_980_001 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await partner.Http.PostAsJsonAsync("/api/partners/me/payouts", new { amountTiyin = 999_999 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var clicks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => partner.Http.PostAsJsonAsync("/api/partners/me/payouts", new { amountTiyin = 15_000_000 })));

        clicks.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        clicks.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict || r.StatusCode == HttpStatusCode.BadRequest);
        var statement = (await partner.GetAsync<PartnerDto>("/api/partners/me"))!;
        statement.BalanceTiyin.ShouldBe(4_980_000);
        statement.Ledger.Count(e => e.Kind == PartnerLedgerEntryKind.Payout).ShouldBe(1);
        (await partner.GetAsync<PayoutAccountDto>("/api/partners/me/payout-account"))!.Payouts.ShouldHaveSingleItem().Status.ShouldBe(PayoutStatus.Requested);
    }

    [Fact]
    public async Task Two_approvals_at_once_pay_one_payout_support_is_refused_and_a_rejection_returns_the_amount()
    {
        await using var app = new PayoutApiFactory(_paylov);
        using var partner = await ReadyPartnerWithBalanceAsync(app, "payout-approve@example.uz", "+998901003005", "approve-referred@example.uz", "+998901003006");
        var payout = await RequestAsync(partner, 12_000_000);
        using var admin = await AdminAsync(app);
        await StaffAccounts.CreateStaffAsync(app, "support-payouts@virtuops.uz", "+998901003007", Roles.Support);
        using var support = new SpaClient(app);
        await support.SignInWithCodeAsync("support-payouts@virtuops.uz", SpaClient.StrongPassword, "+998901003007");

        (await ApproveAsync(support, payout.Id)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await support.Http.GetAsync("/api/admin/payouts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await partner.Http.GetAsync("/api/admin/payouts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var listed = (await admin.GetAsync<CursorPage<AdminPayoutDto>>("/api/admin/payouts?status=Requested"))!;
        listed.Items.ShouldHaveSingleItem().Id.ShouldBe(payout.Id);

        _paylov.Latency = TimeSpan.FromMilliseconds(30); // so the approvals overlap
        var approvals = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ApproveAsync(admin, payout.Id)));

        approvals.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(1);
        approvals.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        var paid = _paylov.Payouts.ShouldHaveSingleItem();
        (paid.ExternalId, paid.AmountTiyin).ShouldBe(($"payout_{payout.Id:N}", 12_000_000L));
        (await ApproveAsync(admin, payout.Id)).StatusCode.ShouldBe(HttpStatusCode.OK, "approving a paid payout again changes nothing");
        _paylov.Payouts.Count.ShouldBe(1);
        (await partner.GetAsync<PayoutAccountDto>("/api/partners/me/payout-account"))!.Payouts.Single().Status.ShouldBe(PayoutStatus.Paid);
        (await app.QueryDatabaseAsync(db => db.StaffAuditLog.Where(e => e.Operation == "POST /api/admin/payouts/{id}/approve").ToListAsync()))
            .ShouldContain(e => e.Reason == "Commission for November, checked" && e.StatusCode == 200);

        // A second request, rejected: its amount is the partner's again.
        var second = await RequestAsync(partner, 7_980_000);
        (await admin.Http.PostAsJsonAsync($"/api/admin/payouts/{second.Id}/reject", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.Http.PostAsJsonAsync($"/api/admin/payouts/{second.Id}/reject", new { reason = "Duplicate request" })).EnsureSuccessStatusCode();
        (await partner.GetAsync<PartnerDto>("/api/partners/me"))!.BalanceTiyin.ShouldBe(7_980_000);
        (await ApproveAsync(admin, second.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _paylov.Payouts.Count.ShouldBe(1, "a rejected payout is never sent");
    }

    [Fact]
    public async Task A_payout_sent_before_a_crash_is_reconciled_by_its_external_id_and_one_never_sent_is_sent_once()
    {
        await using var app = new PayoutApiFactory(_paylov);
        using var partner = await ReadyPartnerWithBalanceAsync(app, "payout-crash@example.uz", "+998901003008", "crash-referred@example.uz", "+998901003009");
        var sentThenCrashed = await RequestAsync(partner, 10_000_000);
        var crashedBeforeSending = await RequestAsync(partner, 9_980_000);
        var partnerTenant = await app.QueryDatabaseAsync(db => db.Payouts.IgnoreQueryFilters().Where(p => p.Id == sentThenCrashed.Id).Select(p => p.TenantId).SingleAsync());

        // An approval saved Paying; the first was sent by A2C, then the process died before Paylov's answer was saved.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var payouts = await db.Payouts.IgnoreQueryFilters().Where(p => p.TenantId == partnerTenant).ToListAsync();
            foreach (var payout in payouts)
                payout.Approve(Guid.NewGuid(), "approved before the crash", app.Time.GetUtcNow());
            await db.SaveChangesAsync();
            var account = await db.PayoutAccounts.IgnoreQueryFilters().SingleAsync(a => a.TenantId == partnerTenant);
            var cardId = scope.ServiceProvider.GetRequiredService<VirtuOps.Application.Common.Interfaces.ISecretProtector>()
                .Unprotect(account.EncryptedCardId!, account.Id.ToString());
            var first = payouts.Single(p => p.Id == sentThenCrashed.Id);
            (await scope.ServiceProvider.GetRequiredService<IPaylovPayouts>()
                .PayOutAsync(new PayoutToCard(PaylovUser.Of(partnerTenant), cardId, first.AmountTiyin, first.ExternalId), CancellationToken.None))
                .State.ShouldBe(PayoutState.Succeeded);
        }

        using var admin = await AdminAsync(app);
        // Too soon: the attempt might still be on its way, so nothing is sent or asked.
        (await ApproveAsync(admin, sentThenCrashed.Id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        app.Time.Advance(TimeSpan.FromMinutes(3));
        using var adminAgain = await AdminAsync(app);
        (await ApproveAsync(adminAgain, sentThenCrashed.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ApproveAsync(adminAgain, crashedBeforeSending.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _paylov.Payouts.Count(p => p.ExternalId == $"payout_{sentThenCrashed.Id:N}").ShouldBe(1, "reconciled, not sent again");
        _paylov.Payouts.Count(p => p.ExternalId == $"payout_{crashedBeforeSending.Id:N}").ShouldBe(1, "Paylov never got it: sent once");
        var statuses = await app.QueryDatabaseAsync(db => db.Payouts.IgnoreQueryFilters().Where(p => p.TenantId == partnerTenant).Select(p => p.Status).ToListAsync());
        statuses.ShouldAllBe(s => s == PayoutStatus.Paid);
    }
}
