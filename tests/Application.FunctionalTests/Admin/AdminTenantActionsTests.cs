using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.AdminTenants.Commands.ExtendTrial;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;
using Application.FunctionalTests.Channels;

namespace Application.FunctionalTests.Admin;

public sealed class AdminTenantActionsTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private Task<Guid> TenantIdOfAsync(string email) =>
        factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TenantId!.Value).SingleAsync());

    private Task<Subscription> SubscriptionOfAsync(Guid tenantId) =>
        factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().AsNoTracking().SingleAsync(s => s.TenantId == tenantId));

    private Task<Tenant> TenantAsync(Guid tenantId) =>
        factory.QueryDatabaseAsync(db => db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId));

    private async Task<SpaClient> StaffAsync(string role, string email, string phone)
    {
        var client = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, email, phone, role);
        await client.SignInWithCodeAsync(email, SpaClient.StrongPassword, phone);
        return client;
    }

    private async Task<(SpaClient Owner, Guid TenantId)> OwnerAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return (owner, await TenantIdOfAsync(email));
    }

    [Fact]
    public async Task Support_suspends_a_tenant_once_with_an_emailed_reason_the_owner_can_only_read_until_it_is_reactivated()
    {
        var (owner, tenantId) = await OwnerAsync("suspend-owner@example.uz", "+998901400011");
        using var _ = owner;
        using var support = await StaffAsync(Roles.Support, "support-suspend@virtuops.uz", "+998901400001");
        var mailsBefore = await owner.MessageCountToAsync("suspend-owner@example.uz");

        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/suspend", new { reason = "Spam reported by Telegram" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/suspend", new { reason = "Spam reported by Telegram" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await TenantAsync(tenantId)).Restrictions.ShouldBe(TenantRestrictions.SuspendedByPlatform);
        (await owner.MessageCountToAsync("suspend-owner@example.uz")).ShouldBe(mailsBefore + 1, "suspending twice e-mails once");
        var mail = await owner.LatestMessageToAsync("suspend-owner@example.uz");
        mail.Body.ShouldContain("Spam reported by Telegram");
        mail.Body.ShouldContain("Причина");
        mail.Body.ShouldContain("Sabab");
        var me = await owner.Http.GetStringAsync("/api/account/me");
        me.ShouldContain("\"suspendedByPlatform\":true");
        var write = await owner.Http.PutAsJsonAsync("/api/tenant", new { name = "Renamed while suspended" });
        write.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await write.Content.ReadAsStringAsync()).ShouldContain("support");

        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/reactivate", new { reason = "The customer removed the spam bot" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/reactivate", new { reason = "The customer removed the spam bot" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await TenantAsync(tenantId)).Restrictions.ShouldBe(TenantRestrictions.None);
        (await owner.MessageCountToAsync("suspend-owner@example.uz")).ShouldBe(mailsBefore + 2);
        (await owner.Http.PutAsJsonAsync("/api/tenant", new { name = "Renamed after reactivation" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var entries = await factory.QueryDatabaseAsync(db => db.StaffAuditLog.Where(e => e.TenantId == tenantId).OrderBy(e => e.Id).ToListAsync());
        entries.Select(e => (e.Operation, e.Reason)).ShouldBe(
        [
            ("POST /api/admin/tenants/{id}/suspend", "Spam reported by Telegram"),
            ("POST /api/admin/tenants/{id}/suspend", "Spam reported by Telegram"),
            ("POST /api/admin/tenants/{id}/reactivate", "The customer removed the spam bot"),
            ("POST /api/admin/tenants/{id}/reactivate", "The customer removed the spam bot"),
        ]);
    }

    [Fact]
    public async Task Reactivating_keeps_the_owners_own_restriction()
    {
        var (owner, tenantId) = await OwnerAsync("suspend-kept@example.uz", "+998901400012");
        using var _ = owner;
        (await owner.Http.PostAsync("/api/privacy/restriction", null)).IsSuccessStatusCode.ShouldBeTrue();
        using var admin = await StaffAsync(Roles.Admin, "admin-suspend-kept@virtuops.uz", "+998901400002");

        await admin.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/suspend", new { reason = "Abuse report" });
        await admin.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/reactivate", new { reason = "Resolved" });

        (await TenantAsync(tenantId)).Restrictions.ShouldBe(TenantRestrictions.OwnerRequest);
    }

    [Fact]
    public async Task Extending_a_trial_sets_its_end_days_from_today_never_shortens_it_and_reopens_an_ended_one()
    {
        var (owner, tenantId) = await OwnerAsync("extend-owner@example.uz", "+998901400021");
        using var _ = owner;
        using var support = await StaffAsync(Roles.Support, "support-extend@virtuops.uz", "+998901400003");
        var today = new DateTimeOffset(factory.Time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);

        var first = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/extend-trial", new { days = 30, reason = "Customer asked for more time to test" });
        var again = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/extend-trial", new { days = 30, reason = "Customer asked for more time to test" });
        var shorter = await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/extend-trial", new { days = 5, reason = "Typo" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<TrialDto>(SpaClient.Json))!.EndsAt.ShouldBe(today.AddDays(31));
        (await again.Content.ReadFromJsonAsync<TrialDto>(SpaClient.Json))!.EndsAt.ShouldBe(today.AddDays(31));
        (await shorter.Content.ReadFromJsonAsync<TrialDto>(SpaClient.Json))!.EndsAt.ShouldBe(today.AddDays(31));
        var subscription = await SubscriptionOfAsync(tenantId);
        (subscription.Status, subscription.CurrentPeriodEnd).ShouldBe((SubscriptionStatus.Trialing, today.AddDays(31)));

        // The trial ran out unpaid: the paywall is up.
        var ended = today.AddDays(40);
        await factory.QueryDatabaseAsync(async db =>
        {
            (await db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.TenantId == tenantId)).ExpireTrial(ended).ShouldBeTrue();
            (await db.Tenants.SingleAsync(t => t.Id == tenantId)).Restrict(TenantRestrictions.PaymentRequired, ended);
            return await db.SaveChangesAsync();
        });
        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/extend-trial", new { days = 7, reason = "Goodwill after an outage" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await SubscriptionOfAsync(tenantId)).Status.ShouldBe(SubscriptionStatus.Trialing);
        (await TenantAsync(tenantId)).Restrictions.ShouldBe(TenantRestrictions.None);
        (await owner.Http.PutAsJsonAsync("/api/tenant", new { name = "Back in the trial" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_paid_subscription_is_not_a_trial_to_extend()
    {
        var (owner, tenantId) = await OwnerAsync("extend-paid@example.uz", "+998901400022");
        using var _ = owner;
        await factory.QueryDatabaseAsync(async db =>
        {
            (await db.Subscriptions.IgnoreQueryFilters().SingleAsync(s => s.TenantId == tenantId)).ActivatePaid("biznes", factory.Time.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        using var admin = await StaffAsync(Roles.Admin, "admin-extend-paid@virtuops.uz", "+998901400004");

        var response = await admin.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/extend-trial", new { days = 7, reason = "Asked" });

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await SubscriptionOfAsync(tenantId)).Status.ShouldBe(SubscriptionStatus.Active);
    }

    [Fact]
    public async Task Support_cancels_a_subscription_on_the_customers_behalf_as_the_owners_cancel_does_and_only_once()
    {
        var (owner, tenantId) = await OwnerAsync("cancel-owner@example.uz", "+998901400031");
        using var _ = owner;
        using var support = await StaffAsync(Roles.Support, "support-cancel@virtuops.uz", "+998901400005");
        var mailsBefore = await owner.MessageCountToAsync("cancel-owner@example.uz");

        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/cancel-subscription", new { reason = "Customer phoned to cancel" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await support.Http.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/cancel-subscription", new { reason = "Customer phoned to cancel" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await SubscriptionOfAsync(tenantId)).CancelAtPeriodEnd.ShouldBeTrue();
        (await owner.MessageCountToAsync("cancel-owner@example.uz")).ShouldBe(mailsBefore + 1);
        (await owner.LatestMessageToAsync("cancel-owner@example.uz")).Subject.ShouldNotBeNull().ShouldContain("Subscription cancelled");
    }

    [Theory]
    [InlineData("suspend", "{}", "reason")]
    [InlineData("reactivate", "{\"reason\":\"   \"}", "reason")]
    [InlineData("extend-trial", "{\"days\":0,\"reason\":\"x\"}", "days")]
    [InlineData("extend-trial", "{\"days\":91,\"reason\":\"x\"}", "days")]
    [InlineData("cancel-subscription", "{\"reason\":null}", "reason")]
    public async Task An_action_without_a_reason_or_with_days_out_of_range_is_a_400_naming_the_field(string action, string body, string field)
    {
        var (owner, tenantId) = await OwnerAsync($"bad-{action}-{body.Length}@example.uz", $"+9989014005{body.Length:00}");
        using var _ = owner;
        using var admin = await StaffAsync(Roles.Admin, $"admin-bad-{action}-{body.Length}@virtuops.uz", $"+9989014006{body.Length:00}");

        var response = await admin.Http.PostAsync($"/api/admin/tenants/{tenantId}/{action}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"\"{field}\"");
        var subscription = await SubscriptionOfAsync(tenantId);
        (subscription.CancelAtPeriodEnd, (await TenantAsync(tenantId)).Restrictions).ShouldBe((false, TenantRestrictions.None));
    }

    [Fact]
    public async Task Owners_agents_and_api_keys_cannot_act_on_any_tenant_their_own_included()
    {
        var (owner, tenantId) = await OwnerAsync("act-refused@example.uz", "+998901400041");
        using var _ = owner;
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "act-refused-agent@example.uz");
        var keyResponse = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read", "Write" } });
        var key = (await keyResponse.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!.Key;
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key);

        foreach (var client in new[] { owner.Http, agent.Http, integrator })
        {
            foreach (var action in new[] { "suspend", "reactivate", "extend-trial", "cancel-subscription" })
            {
                var response = await client.PostAsJsonAsync($"/api/admin/tenants/{tenantId}/{action}", new { days = 30, reason = "Mine" });
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, action);
            }
        }

        var subscription = await SubscriptionOfAsync(tenantId);
        (subscription.CancelAtPeriodEnd, subscription.Status, (await TenantAsync(tenantId)).Restrictions)
            .ShouldBe((false, SubscriptionStatus.Trialing, TenantRestrictions.None));
    }
}
