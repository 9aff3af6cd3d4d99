using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.AdminTenants.Commands.ResetOwnerTwoFactor;
using VirtuOps.Application.AdminTenants.Queries.GetTenantProfile;
using VirtuOps.Domain.Common;
using Application.FunctionalTests.Billing;

namespace Application.FunctionalTests.Admin;

/// <summary>Support helping an owner who lost their phone or their receipt.</summary>
public sealed class AdminAccountHelpTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private async Task<SpaClient> StaffAsync(string email, string phone)
    {
        var client = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, email, phone, Roles.Support);
        await client.SignInWithCodeAsync(email, SpaClient.StrongPassword, phone);
        return client;
    }

    private Task<Guid> TenantIdOfAsync(string email) =>
        factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TenantId!.Value).SingleAsync());

    [Fact]
    public async Task Support_turns_off_the_owners_two_factor_once_ending_the_owners_sessions_and_telling_the_owner()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("lost-phone@example.uz", "+998901500011");
        (await owner.Http.PutAsJsonAsync("/api/account/two-factor", new { enabled = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var tenantId = await TenantIdOfAsync("lost-phone@example.uz");
        using var support = await StaffAsync("support-2fa@virtuops.uz", "+998901500001");
        var mailsBefore = await owner.MessageCountToAsync("lost-phone@example.uz");

        var empty = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/reset-two-factor", new { reason = "" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the identity check must be noted");
        var reset = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/reset-two-factor", new { reason = "Called back the number on file" });
        var again = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/reset-two-factor", new { reason = "Called back the number on file" });

        (await reset.Content.ReadFromJsonAsync<TwoFactorResetDto>(SpaClient.Json))!.OwnersReset.ShouldBe(1);
        (await again.Content.ReadFromJsonAsync<TwoFactorResetDto>(SpaClient.Json))!.OwnersReset.ShouldBe(0, "repeating it changes nothing");
        (await owner.Http.GetAsync("/api/account/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the owner's sessions ended");
        (await owner.MessageCountToAsync("lost-phone@example.uz")).ShouldBe(mailsBefore + 1);
        (await owner.LatestMessageToAsync("lost-phone@example.uz")).Body.ShouldContain("If you did not ask for this");
        var profile = (await support.GetAsync<TenantProfileDto>($"/api/admin/tenants/{tenantId}"))!;
        profile.Users.ShouldHaveSingleItem().TwoFactorEnabled.ShouldBeFalse();
        var audit = await factory.QueryDatabaseAsync(db => db.StaffAuditLog.OrderByDescending(e => e.Id).FirstAsync(e => e.TenantId == tenantId && e.Operation.Contains("reset-two-factor")));
        audit.Reason.ShouldBe("Called back the number on file");
    }

    [Fact]
    public async Task Support_resends_an_issued_receipt_to_the_owner_and_cannot_reach_another_tenants_receipt()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("receipt-owner@example.uz", "+998901500021");
        await BillingTestSteps.SubscribeAsync(factory, owner);
        await BillingTestSteps.RunBillingJobAsync(factory);
        using var other = new SpaClient(factory);
        await other.RegisterVerifiedOwnerAsync("receipt-other@example.uz", "+998901500022");
        var tenantId = await TenantIdOfAsync("receipt-owner@example.uz");
        var otherTenantId = await TenantIdOfAsync("receipt-other@example.uz");
        using var support = await StaffAsync("support-receipt@virtuops.uz", "+998901500002");
        var receipt = (await support.GetAsync<TenantProfileDto>($"/api/admin/tenants/{tenantId}"))!.Receipts.ShouldHaveSingleItem();
        receipt.Url.ShouldNotBeNull();
        var mailsBefore = await owner.MessageCountToAsync("receipt-owner@example.uz");

        var resent = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/receipts/{receipt.Id}/resend", new { reason = "Owner asked by phone" });

        resent.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.MessageCountToAsync("receipt-owner@example.uz")).ShouldBe(mailsBefore + 1);
        (await owner.LatestMessageToAsync("receipt-owner@example.uz")).Body.ShouldContain(receipt.Url);
        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{otherTenantId}/receipts/{receipt.Id}/resend", new { reason = "Wrong tenant" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound, "a receipt is found only under its own tenant");
    }
}
