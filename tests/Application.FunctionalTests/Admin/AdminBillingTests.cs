using System.Net;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.AdminBilling.Queries.GetCharges;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using Application.FunctionalTests.Billing;

namespace Application.FunctionalTests.Admin;

public sealed class AdminBillingTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task Support_lists_charges_across_tenants_with_receipts_filtered_by_status_and_tenant_and_paged()
    {
        using var first = new SpaClient(factory);
        await first.RegisterVerifiedOwnerAsync("charges-first@example.uz", "+998901600011");
        await BillingTestSteps.SubscribeAsync(factory, first);
        using var second = new SpaClient(factory);
        await second.RegisterVerifiedOwnerAsync("charges-second@example.uz", "+998901600012");
        await BillingTestSteps.SubscribeAsync(factory, second);
        await BillingTestSteps.RunBillingJobAsync(factory);
        var firstTenant = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "charges-first@example.uz").Select(u => u.TenantId!.Value).SingleAsync());
        using var support = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, "support-charges@virtuops.uz", "+998901600001", Roles.Support);
        await support.SignInWithCodeAsync("support-charges@virtuops.uz", SpaClient.StrongPassword, "+998901600001");

        var page = (await support.GetAsync<CursorPage<AdminChargeDto>>("/api/admin/billing/charges?limit=1"))!;
        var next = (await support.GetAsync<CursorPage<AdminChargeDto>>($"/api/admin/billing/charges?limit=1&cursor={page.NextCursor}"))!;
        var ofFirst = (await support.GetAsync<CursorPage<AdminChargeDto>>($"/api/admin/billing/charges?tenantId={firstTenant}"))!;
        var failed = (await support.GetAsync<CursorPage<AdminChargeDto>>($"/api/admin/billing/charges?status=Failed&tenantId={firstTenant}"))!;

        page.Items.ShouldHaveSingleItem();
        next.Items.ShouldHaveSingleItem().Id.ShouldNotBe(page.Items[0].Id, "the next page goes on, not over");
        var charge = ofFirst.Items.ShouldHaveSingleItem();
        (charge.TenantId, charge.Status, charge.PlanCode).ShouldBe((firstTenant, ChargeStatus.Succeeded, "start"));
        charge.ReceiptUrl.ShouldNotBeNullOrEmpty();
        failed.Items.ShouldBeEmpty();
        (await support.Http.GetAsync("/api/admin/billing/charges?cursor=2")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await first.Http.GetAsync("/api/admin/billing/charges")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "an owner is not staff");
    }
}
