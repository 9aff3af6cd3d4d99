using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Billing;
using Application.FunctionalTests.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Commands.StartCheckout;
using VirtuOps.Application.Partners.Commands.AccrueCommissions;
using VirtuOps.Application.Partners.Queries.GetMyPartner;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Partners;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Partners;

/// <summary>
/// A tenant joins the partner programme, shares its link, and earns its commission on each paid charge of the tenants
/// that signed up with it: once per charge, into an append-only ledger whose sum is the balance. Each test has an app of
/// its own: the commission job serves every tenant and the tests move the clock.
/// </summary>
public sealed class PartnerProgrammeTests : IAsyncLifetime
{
    private readonly VirtuOpsApiFactory factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => factory.DisposeAsync().AsTask();

    private async Task<(SpaClient Owner, PartnerDto Partner)> PartnerAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var joined = await owner.Http.PostAsync("/api/partners/me", null);
        joined.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (owner, (await joined.Content.ReadFromJsonAsync<PartnerDto>(SpaClient.Json))!);
    }

    /// <summary>One run of the commission job, as Quartz sends it.</summary>
    private async Task<int> AccrueAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new AccrueCommissionsCommand());
    }

    private Task<Guid> TenantOfAsync(string ownerEmail) =>
        factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == ownerEmail).Select(u => u.TenantId!.Value).SingleAsync());

    private Task<List<PartnerLedgerEntry>> LedgerOfAsync(Guid partnerTenantId) =>
        factory.QueryDatabaseAsync(db => db.PartnerLedger.IgnoreQueryFilters().Where(e => e.TenantId == partnerTenantId).ToListAsync());

    [Fact]
    public async Task Joining_twice_at_once_gives_one_referral_code_and_link_and_a_tenant_that_is_not_a_partner_gets_404()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("partner-join@example.uz", "+998901002001");
        (await owner.Http.GetAsync("/api/partners/me")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var joined = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => owner.Http.PostAsync("/api/partners/me", null)));

        joined.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var codes = await Task.WhenAll(joined.Select(async r => (await r.Content.ReadFromJsonAsync<PartnerDto>(SpaClient.Json))!.ReferralCode));
        codes.Distinct().ShouldHaveSingleItem().Length.ShouldBe(Partner.ReferralCodeLength);
        var partner = (await owner.GetAsync<PartnerDto>("/api/partners/me"))!;
        partner.ReferralCode.ShouldBe(codes[0]);
        partner.ReferralLink.ShouldEndWith($"/sign-up?ref={codes[0]}");
        partner.CommissionPercent.ShouldBe(20);
        partner.CommissionMonths.ShouldBe(12);
        partner.BalanceTiyin.ShouldBe(0);
        var tenantId = await TenantOfAsync("partner-join@example.uz");
        (await factory.QueryDatabaseAsync(db => db.Partners.IgnoreQueryFilters().CountAsync(p => p.TenantId == tenantId))).ShouldBe(1);
    }

    [Fact]
    public async Task Each_paid_charge_of_a_referred_tenant_accrues_the_commission_exactly_once_and_the_balance_is_the_sum_of_the_ledger()
    {
        var (partnerOwner, partner) = await PartnerAsync("partner-earns@example.uz", "+998901002002");
        partnerOwner.Dispose();
        using var referred = new SpaClient(factory);
        // The code as a visitor might type it: any case, spaces around.
        await referred.RegisterVerifiedOwnerAsync("referred-pays@example.uz", "+998901002003", $" {partner.ReferralCode.ToLowerInvariant()} ");
        (await BillingTestSteps.SubscribeAsync(factory, referred)).Status.ShouldBe(CheckoutStatus.Completed);
        var partnerTenant = await TenantOfAsync("partner-earns@example.uz");
        var referredTenant = await TenantOfAsync("referred-pays@example.uz");

        // Two runs at once, then a third: one accrual per paid charge.
        await Task.WhenAll(AccrueAsync(), AccrueAsync());
        await AccrueAsync();
        var firstCharge = await factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().SingleAsync(c => c.TenantId == referredTenant && c.Status == ChargeStatus.Succeeded));
        var accrual = (await LedgerOfAsync(partnerTenant)).ShouldHaveSingleItem();
        accrual.Kind.ShouldBe(PartnerLedgerEntryKind.Accrual);
        accrual.ChargeId.ShouldBe(firstCharge.Id);
        accrual.AmountTiyin.ShouldBe(firstCharge.AmountTiyin * 20 / 100);

        // A month on, the renewal is paid: it accrues too, once.
        factory.Time.Advance(TimeSpan.FromDays(32));
        (await BillingTestSteps.RunBillingJobAsync(factory)).Renewed.ShouldBe(1);
        (await AccrueAsync()).ShouldBe(1);
        (await AccrueAsync()).ShouldBe(0);
        var ledger = await LedgerOfAsync(partnerTenant);
        ledger.Count.ShouldBe(2);
        var paid = await factory.QueryDatabaseAsync(db => db.Charges.IgnoreQueryFilters().Where(c => c.TenantId == referredTenant && c.Status == ChargeStatus.Succeeded).SumAsync(c => c.AmountTiyin));

        using var partnerAgain = new SpaClient(factory);
        (await partnerAgain.SignInAsync("partner-earns@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        var statement = (await partnerAgain.GetAsync<PartnerDto>("/api/partners/me"))!;
        statement.BalanceTiyin.ShouldBe(ledger.Sum(e => e.AmountTiyin));
        statement.BalanceTiyin.ShouldBe(paid * 20 / 100);
        statement.Ledger.Count.ShouldBe(2);
        statement.Referrals.ShouldHaveSingleItem().EarnedTiyin.ShouldBe(statement.BalanceTiyin);
    }

    [Fact]
    public async Task The_same_charge_cannot_accrue_twice_and_a_ledger_entry_cannot_be_changed_or_deleted()
    {
        var (partnerOwner, partner) = await PartnerAsync("partner-ledger@example.uz", "+998901002004");
        partnerOwner.Dispose();
        using var referred = new SpaClient(factory);
        await referred.RegisterVerifiedOwnerAsync("referred-ledger@example.uz", "+998901002005", partner.ReferralCode);
        await BillingTestSteps.SubscribeAsync(factory, referred);
        (await AccrueAsync()).ShouldBe(1);
        var partnerTenant = await TenantOfAsync("partner-ledger@example.uz");

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var entry = await db.PartnerLedger.IgnoreQueryFilters().SingleAsync(e => e.TenantId == partnerTenant);
        var referral = await db.Referrals.IgnoreQueryFilters().SingleAsync(r => r.TenantId == partnerTenant);

        db.PartnerLedger.Add(PartnerLedgerEntry.Accrual(referral, entry.ChargeId!.Value, 1_000_000, 20, factory.Time.GetUtcNow()));
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var tracked = await db.PartnerLedger.IgnoreQueryFilters().SingleAsync(e => e.Id == entry.Id);
        db.PartnerLedger.Remove(tracked);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        (await LedgerOfAsync(partnerTenant)).ShouldHaveSingleItem().AmountTiyin.ShouldBe(entry.AmountTiyin);
    }

    [Fact]
    public async Task A_sign_up_is_attributed_once_and_never_to_the_partners_own_people_nor_by_an_unknown_code()
    {
        var (first, firstPartner) = await PartnerAsync("partner-first@example.uz", "+998901002006");
        first.Dispose();
        var (second, secondPartner) = await PartnerAsync("partner-second@example.uz", "+998901002007");
        second.Dispose();

        using (var referred = new SpaClient(factory))
            (await referred.RegisterAsync("referred-once@example.uz", "+998901002008", referralCode: firstPartner.ReferralCode)).EnsureSuccessStatusCode();
        // The same address again with the other code: the account exists, so nothing changes (the first touch stays).
        using (var again = new SpaClient(factory))
            (await again.PostRegistrationAsync("referred-once@example.uz", "+998901002008", referralCode: secondPartner.ReferralCode)).EnsureSuccessStatusCode();
        // The first partner's owner signing up a second business with their own phone: no self-referral.
        using (var self = new SpaClient(factory))
            (await self.RegisterAsync("partner-first-shop2@example.uz", "+998901002006", company: "Second shop", referralCode: firstPartner.ReferralCode)).EnsureSuccessStatusCode();
        using (var unknown = new SpaClient(factory))
            (await unknown.RegisterAsync("referred-unknown@example.uz", "+998901002009", referralCode: "NOSUCH22")).EnsureSuccessStatusCode();
        using (var tooLong = new SpaClient(factory))
            (await tooLong.PostRegistrationAsync("referred-long@example.uz", "+998901002010", referralCode: new string('A', 33))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var referredTenant = await TenantOfAsync("referred-once@example.uz");
        var referrals = await factory.QueryDatabaseAsync(db => db.Referrals.IgnoreQueryFilters().ToListAsync());
        referrals.ShouldHaveSingleItem().ReferredTenantId.ShouldBe(referredTenant);
        referrals[0].TenantId.ShouldBe(await TenantOfAsync("partner-first@example.uz"));
    }

    [Fact]
    public async Task Charges_paid_after_the_commission_months_earn_nothing()
    {
        var (partnerOwner, partner) = await PartnerAsync("partner-window@example.uz", "+998901002011");
        partnerOwner.Dispose();
        using (var referred = new SpaClient(factory))
            await referred.RegisterVerifiedOwnerAsync("referred-late@example.uz", "+998901002012", partner.ReferralCode);

        factory.Time.Advance(TimeSpan.FromDays(370));
        using var late = new SpaClient(factory);
        (await late.SignInAsync("referred-late@example.uz", SpaClient.StrongPassword)).EnsureSuccessStatusCode();
        (await BillingTestSteps.SubscribeAsync(factory, late)).Status.ShouldBe(CheckoutStatus.Completed);

        (await AccrueAsync()).ShouldBe(0);
        (await LedgerOfAsync(await TenantOfAsync("partner-window@example.uz"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_the_owner_runs_the_partner_programme()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("partner-roles@example.uz", "+998901002013");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "partner-roles-agent@example.uz");

        (await agent.Http.PostAsync("/api/partners/me", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.Http.GetAsync("/api/partners/me")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = factory.CreateClient();
        (await anonymous.GetAsync("/api/partners/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
