using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.AdminTenants.Queries.GetTenantProfile;
using VirtuOps.Application.AdminTenants.Queries.SearchTenants;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using Application.FunctionalTests.Channels;

namespace Application.FunctionalTests.Admin;

public sealed class AdminTenantsTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private Task<Guid> TenantIdOfAsync(string email) =>
        factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TenantId!.Value).SingleAsync());

    /// <summary>A staff member of the role, signed in with the SMS code (each test its own: SMS codes are rate-limited per account).</summary>
    private async Task<SpaClient> StaffAsync(string role, string email, string phone)
    {
        var client = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, email, phone, role);
        await client.SignInWithCodeAsync(email, SpaClient.StrongPassword, phone);
        return client;
    }

    private static async Task<CursorPage<TenantListItemDto>> SearchAsync(SpaClient staff, string query) =>
        (await staff.GetAsync<CursorPage<TenantListItemDto>>("/api/admin/tenants?" + query))!;

    [Fact]
    public async Task Support_finds_a_tenant_by_a_part_of_its_name_its_id_or_the_owners_email_or_phone()
    {
        using var owner = new SpaClient(factory);
        (await owner.RegisterAsync("Search.Owner@example.uz", "+998901300011", company: "Samarqand Nonvoyxonasi")).EnsureSuccessStatusCode();
        var tenantId = await TenantIdOfAsync("Search.Owner@example.uz");
        using var support = await StaffAsync(Roles.Support, "support-search@virtuops.uz", "+998901300001");

        foreach (var search in new[] { "nonvoyXONA", tenantId.ToString(), "search.owner@EXAMPLE.uz", "90 130 00 11", "+998901300011" })
        {
            var page = await SearchAsync(support, "search=" + Uri.EscapeDataString(search));
            var found = page.Items.ShouldHaveSingleItem($"searching for {search}");
            found.Id.ShouldBe(tenantId);
            found.Name.ShouldBe("Samarqand Nonvoyxonasi");
            found.OwnerEmail.ShouldBe("Search.Owner@example.uz");
            found.Status.ShouldBe(SubscriptionStatus.Trialing);
        }

        (await SearchAsync(support, "search=owner@example")).Items.ShouldNotContain(t => t.Id == tenantId, "an e-mail address matches only in full");
        (await SearchAsync(support, "search=100%25")).Items.ShouldBeEmpty("% in the search is a character, not a wildcard");
    }

    [Fact]
    public async Task The_list_filters_by_plan_and_status_and_pages_newest_first_without_repeating_a_tenant()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            using var owner = new SpaClient(factory);
            (await owner.RegisterAsync($"paging{i}@example.uz", $"+99890130002{i}", company: $"Paging Bozori {i}")).EnsureSuccessStatusCode();
            ids.Add(await TenantIdOfAsync($"paging{i}@example.uz"));
        }
        var plan = await factory.QueryDatabaseAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == ids[0]).Select(s => s.PlanCode).SingleAsync());
        using var admin = await StaffAsync(Roles.Admin, "admin-paging-tenants@virtuops.uz", "+998901300002");

        var first = await SearchAsync(admin, $"search=Paging%20Bozori&plan={plan}&status=Trialing&limit=2");
        var second = await SearchAsync(admin, $"search=Paging%20Bozori&plan={plan}&status=Trialing&limit=2&cursor={first.NextCursor}");

        first.Items.Select(t => t.Id).ShouldBe([ids[2], ids[1]]);
        first.NextCursor.ShouldNotBeNull();
        second.Items.Select(t => t.Id).ShouldBe([ids[0]]);
        second.NextCursor.ShouldBeNull();
        (await SearchAsync(admin, "search=Paging%20Bozori&status=Active")).Items.ShouldBeEmpty();
        (await SearchAsync(admin, "search=Paging%20Bozori&plan=no-such-plan")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_tenant_page_shows_people_subscription_channels_activity_and_consents_and_the_audit_entry_names_the_tenant()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("profile-owner@example.uz", "+998901300031");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "profile-agent@example.uz");
        var tenantId = await TenantIdOfAsync("profile-owner@example.uz");
        using var support = await StaffAsync(Roles.Support, "support-profile@virtuops.uz", "+998901300003");

        var response = await support.Http.GetAsync($"/api/admin/tenants/{tenantId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var profile = (await response.Content.ReadFromJsonAsync<TenantProfileDto>(SpaClient.Json))!;

        profile.Id.ShouldBe(tenantId);
        profile.Users.Select(u => (u.Email, u.Roles.Single())).OrderBy(u => u.Email).ShouldBe(
            [("profile-agent@example.uz", Roles.Agent), ("profile-owner@example.uz", Roles.Owner)]);
        profile.Users.Single(u => u.Email == "profile-owner@example.uz").LastSeenAt.ShouldNotBeNull();
        profile.LastActivityAt.ShouldNotBeNull();
        profile.Subscription.ShouldNotBeNull().Status.ShouldBe(SubscriptionStatus.Trialing);
        profile.Subscription.HasCard.ShouldBeFalse();
        profile.Channels.ShouldBeEmpty();
        profile.Consents.ShouldContain(c => c.Kind == ConsentKind.PrivacyPolicy && c.Action == ConsentAction.Granted);
        profile.Restrictions.ShouldBeEmpty();
        var entry = await factory.QueryDatabaseAsync(db => db.StaffAuditLog.OrderByDescending(e => e.Id).FirstAsync());
        (entry.Operation, entry.TenantId, entry.ActorRole).ShouldBe(("GET /api/admin/tenants/{id}", (Guid?)tenantId, Roles.Support));

        (await support.Http.GetAsync($"/api/admin/tenants/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Owners_agents_and_api_keys_are_refused_alike_whether_the_tenant_exists_or_not()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("refused-owner@example.uz", "+998901300041");
        var ownTenant = await TenantIdOfAsync("refused-owner@example.uz");
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "refused-agent@example.uz");
        var keyResponse = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read", "Write" } });
        var key = (await keyResponse.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!.Key;
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key);

        foreach (var client in new[] { owner.Http, agent.Http, integrator })
        {
            foreach (var url in new[] { "/api/admin/tenants", $"/api/admin/tenants/{ownTenant}", $"/api/admin/tenants/{Guid.NewGuid()}" })
            {
                var response = await client.GetAsync(url);
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, url);
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            }
        }
    }

    [Theory]
    [InlineData("limit=0", "limit", 1)]
    [InlineData("limit=101", "limit", 2)]
    [InlineData("cursor=not-a-cursor", "cursor", 3)]
    [InlineData("status=Sleeping", "status", 4)]
    public async Task Bad_paging_or_filters_are_a_400_with_the_field_named(string query, string field, int caller)
    {
        using var admin = await StaffAsync(Roles.Admin, $"admin-bad-query-{caller}@virtuops.uz", $"+99890130010{caller}");

        var response = await admin.Http.GetAsync("/api/admin/tenants?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain($"\"{field}\"", Case.Insensitive);
    }
}
