using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Application.FunctionalTests.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.AccessGrants.Common;
using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.AdminTenants.Queries.GetTenantProfile;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Common;

namespace Application.FunctionalTests.Admin;

/// <summary>Staff read a tenant's conversations and knowledge only while the owner's grant runs; every read is audited.</summary>
public sealed class StaffAccessGrantTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private const string Origin = "https://grant-shop.example.uz";

    private async Task<SpaClient> StaffAsync(string role, string email, string phone)
    {
        var client = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, email, phone, role);
        await client.SignInWithCodeAsync(email, SpaClient.StrongPassword, phone);
        return client;
    }

    /// <summary>An owner whose bot has knowledge and one widget conversation ("Salom").</summary>
    private async Task<(SpaClient Owner, Guid TenantId, Guid ConversationId)> OwnerWithDataAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var tenantId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TenantId!.Value).SingleAsync());
        var bot = await BotTestData.CreateBotAsync(owner, "Grant bot", Origin);
        using var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("Origin", Origin);
        visitor.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var reply = await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" });
        reply.EnsureSuccessStatusCode();
        var conversationId = (await reply.Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
        return (owner, tenantId, conversationId);
    }

    private static IEnumerable<string> CustomerDataPaths(Guid tenantId, Guid conversationId) =>
    [
        $"/api/admin/tenants/{tenantId}/conversations",
        $"/api/admin/tenants/{tenantId}/conversations/{conversationId}/messages",
        $"/api/admin/tenants/{tenantId}/knowledge",
    ];

    private static async Task ShouldBeRefusedForWantOfAGrantAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        problem.Detail.ShouldBe(CustomerDataAccess.GrantRequired);
    }

    [Fact]
    public async Task Staff_read_conversations_and_knowledge_only_while_the_grant_runs_each_read_audited_with_the_grants_reason()
    {
        var (owner, tenantId, conversationId) = await OwnerWithDataAsync("grant-owner@example.uz", "+998901700001");
        using var _ = owner;
        var (other, otherTenantId, otherConversationId) = await OwnerWithDataAsync("grant-other@example.uz", "+998901700002");
        using var __ = other;
        using var admin = await StaffAsync(Roles.Admin, "admin-grant@virtuops.uz", "+998901700011");
        using var support = await StaffAsync(Roles.Support, "support-grant@virtuops.uz", "+998901700012");

        foreach (var path in CustomerDataPaths(tenantId, conversationId))
            await ShouldBeRefusedForWantOfAGrantAsync(await admin.Http.GetAsync(path));
        (await owner.GetAsync<StaffAccessDto>("/api/security/staff-access"))!.Grant.ShouldBeNull();

        var granted = await owner.Http.PostAsJsonAsync("/api/security/staff-access", new { hours = 1, reason = "Ticket 4711: the bot answers in Russian" });
        granted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var grant = (await granted.Content.ReadFromJsonAsync<StaffAccessGrantDto>(SpaClient.Json))!;
        grant.ExpiresAt.ShouldBe(grant.GrantedAt.AddHours(1));
        (await owner.GetAsync<StaffAccessDto>("/api/security/staff-access"))!.Grant!.Reason.ShouldBe("Ticket 4711: the bot answers in Russian");
        (await other.GetAsync<StaffAccessDto>("/api/security/staff-access"))!.Grant.ShouldBeNull("the grant is the tenant's own");

        var conversations = (await admin.GetAsync<CursorPage<ConversationSummaryDto>>($"/api/admin/tenants/{tenantId}/conversations"))!;
        conversations.Items.ShouldHaveSingleItem().Id.ShouldBe(conversationId);
        var messages = (await support.GetAsync<CursorPage<MessageDto>>($"/api/admin/tenants/{tenantId}/conversations/{conversationId}/messages"))!;
        messages.Items.ShouldContain(m => m.Text == "Salom");
        var knowledge = (await admin.GetAsync<CursorPage<KnowledgeEntryDto>>($"/api/admin/tenants/{tenantId}/knowledge?limit=100"))!;
        knowledge.Items.Select(k => k.Answer).ShouldBe(BotTestData.Knowledge.Select(k => k.Answer), ignoreOrder: true);
        (await admin.GetAsync<TenantProfileDto>($"/api/admin/tenants/{tenantId}"))!.AccessGrant!.Reason.ShouldBe("Ticket 4711: the bot answers in Russian");
        // Another tenant's grant opens nothing here, and this tenant's ids are not found through the other tenant.
        await ShouldBeRefusedForWantOfAGrantAsync(await admin.Http.GetAsync($"/api/admin/tenants/{otherTenantId}/conversations"));
        (await admin.Http.GetAsync($"/api/admin/tenants/{tenantId}/conversations/{otherConversationId}/messages")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        factory.Time.Advance(TimeSpan.FromMinutes(61));
        foreach (var path in CustomerDataPaths(tenantId, conversationId))
            await ShouldBeRefusedForWantOfAGrantAsync(await support.Http.GetAsync(path));
        (await owner.GetAsync<StaffAccessDto>("/api/security/staff-access"))!.Grant.ShouldBeNull("an expired grant is not shown as running");

        var reads = await factory.QueryDatabaseAsync(db => db.StaffAuditLog
            .Where(e => e.TenantId == tenantId && e.Operation.Contains("/conversations") || e.TenantId == tenantId && e.Operation.EndsWith("/knowledge"))
            .OrderBy(e => e.Id).Select(e => new { e.Operation, e.StatusCode, e.Reason }).ToListAsync());
        reads.Select(e => e.StatusCode).ShouldBe([403, 403, 403, 200, 200, 200, 404, 403, 403, 403]);
        reads.Where(e => e.StatusCode == 200).ShouldAllBe(e => e.Reason == "Access grant: Ticket 4711: the bot answers in Russian");
        reads.Select(e => e.Operation).Distinct().ShouldBe(
        [
            "GET /api/admin/tenants/{id}/conversations",
            "GET /api/admin/tenants/{id}/conversations/{conversationId}/messages",
            "GET /api/admin/tenants/{id}/knowledge",
        ]);
    }

    [Fact]
    public async Task A_revoked_grant_refuses_the_next_read_a_new_grant_replaces_the_running_one_and_revoking_twice_changes_nothing()
    {
        var (owner, tenantId, conversationId) = await OwnerWithDataAsync("revoke-owner@example.uz", "+998901700003");
        using var _ = owner;
        using var support = await StaffAsync(Roles.Support, "support-revoke@virtuops.uz", "+998901700013");
        (await owner.Http.PostAsJsonAsync("/api/security/staff-access", new { hours = 24, reason = "Import looks broken" })).EnsureSuccessStatusCode();
        (await owner.Http.PostAsJsonAsync("/api/security/staff-access", new { hours = 168, reason = "Import still broken" })).EnsureSuccessStatusCode();
        (await support.Http.GetAsync($"/api/admin/tenants/{tenantId}/knowledge")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var running = await factory.QueryDatabaseAsync(db => db.StaffAccessGrants.IgnoreQueryFilters()
            .Where(g => g.TenantId == tenantId && g.RevokedAt == null).Select(g => g.Reason).ToListAsync());
        running.ShouldBe(["Import still broken"]);

        (await owner.Http.DeleteAsync("/api/security/staff-access")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Http.DeleteAsync("/api/security/staff-access")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await owner.GetAsync<StaffAccessDto>("/api/security/staff-access"))!.Grant.ShouldBeNull();
        foreach (var path in CustomerDataPaths(tenantId, conversationId))
            await ShouldBeRefusedForWantOfAGrantAsync(await support.Http.GetAsync(path));
        (await factory.QueryDatabaseAsync(db => db.StaffAccessGrants.IgnoreQueryFilters().CountAsync(g => g.TenantId == tenantId && g.RevokedAt == null))).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_owner_grants_and_tenant_users_or_api_keys_never_read_through_the_back_office_even_with_a_grant()
    {
        var (owner, tenantId, conversationId) = await OwnerWithDataAsync("roles-owner@example.uz", "+998901700004");
        using var _ = owner;
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "roles-agent@example.uz");
        var key = (await ApiKeyAccessTests.CreateKeyAsync(owner, "Read", "Write")).Key;
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key);

        var badInput = await owner.Http.PostAsJsonAsync("/api/security/staff-access", new { hours = 169, reason = "" });
        badInput.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badInput.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.ShouldBe(["hours", "reason"], ignoreOrder: true);
        (await agent.Http.PostAsJsonAsync("/api/security/staff-access", new { hours = 1, reason = "Agent tries" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await integrator.PostAsJsonAsync("/api/security/staff-access", new { hours = 1, reason = "Key tries" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Http.PostAsJsonAsync("/api/security/staff-access", new { hours = 1, reason = "Owner grants" })).EnsureSuccessStatusCode();
        (await agent.Http.DeleteAsync("/api/security/staff-access")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        foreach (var path in CustomerDataPaths(tenantId, conversationId))
        {
            (await owner.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await agent.Http.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            (await integrator.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }
        (await owner.GetAsync<StaffAccessDto>("/api/security/staff-access"))!.Grant!.Reason.ShouldBe("Owner grants", "the agent could not revoke it");
    }
}
