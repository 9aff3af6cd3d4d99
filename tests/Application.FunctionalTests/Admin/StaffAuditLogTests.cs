using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.StaffAudit.Queries.GetPlatformAccess;
using VirtuOps.Application.StaffAudit.Queries.GetStaffAuditLog;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.StaffAudit;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Admin;

public sealed class StaffAuditLogTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private Task<List<StaffAuditEntry>> EntriesAfterAsync(long id) =>
        factory.QueryDatabaseAsync(db => db.StaffAuditLog.Where(e => e.Id > id).OrderBy(e => e.Id).ToListAsync());

    private Task<long> LastEntryIdAsync() =>
        factory.QueryDatabaseAsync(async db => await db.StaffAuditLog.MaxAsync(e => (long?)e.Id) ?? 0);

    private Task<Guid> UserIdAsync(string email) =>
        factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Every_admin_operation_of_the_served_document_leaves_an_audit_entry_with_caller_operation_and_outcome()
    {
        using var admin = new SpaClient(factory);
        await admin.SignInAsDemoAdminAsync();
        var adminId = await UserIdAsync(DemoDataSeeder.DemoAdminEmail);
        var document = JsonNode.Parse(await admin.Http.GetStringAsync("/swagger/v1/swagger.json"))!;

        var walked = new List<(string Operation, int Status)>();
        var before = await LastEntryIdAsync();
        foreach (var (path, operations) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/admin/", StringComparison.Ordinal)))
        {
            // Ids nobody has: each operation still runs through the whole pipeline and answers (404 at worst).
            var url = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", Guid.NewGuid().ToString());
            foreach (var (method, _) in operations!.AsObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                if (method is "post" or "put" or "patch")
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await admin.Http.SendAsync(request);
                walked.Add(($"{method.ToUpperInvariant()} {path}", (int)response.StatusCode));
            }
        }

        walked.Count.ShouldBeGreaterThanOrEqualTo(2, "the walk found the admin operations");
        var entries = await EntriesAfterAsync(before);
        entries.Select(e => (e.Operation, e.StatusCode)).ShouldBe(walked);
        entries.ShouldAllBe(e => e.ActorUserId == adminId && e.ActorRole == Roles.Admin);
    }

    [Fact]
    public async Task Admins_page_the_log_newest_first_with_a_cursor_and_filter_it_by_operation_and_caller()
    {
        // Staff accounts of its own: SMS codes per account are rate-limited, and each test signs in afresh.
        using var admin = new SpaClient(factory);
        var adminId = await StaffAccounts.CreateStaffAsync(factory, "admin-paging@virtuops.uz", "+998901200004", Roles.Admin);
        await admin.SignInWithCodeAsync("admin-paging@virtuops.uz", SpaClient.StrongPassword, "+998901200004");
        using var support = new SpaClient(factory);
        var supportId = await StaffAccounts.CreateStaffAsync(factory, "support-paging@virtuops.uz", "+998901200001", Roles.Support);
        await support.SignInWithCodeAsync("support-paging@virtuops.uz", SpaClient.StrongPassword, "+998901200001");
        (await support.Http.GetAsync("/api/admin/audit-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        for (var i = 0; i < 4; i++)
            (await admin.Http.GetAsync("/api/admin/audit-log?limit=1")).EnsureSuccessStatusCode();

        var first = (await admin.GetAsync<CursorPage<StaffAuditEntryDto>>($"/api/admin/audit-log?limit=2&actorUserId={adminId}"))!;
        var second = (await admin.GetAsync<CursorPage<StaffAuditEntryDto>>($"/api/admin/audit-log?limit=2&actorUserId={adminId}&cursor={first.NextCursor}"))!;

        first.Items.Count.ShouldBe(2);
        first.NextCursor.ShouldNotBeNull();
        second.Items.Count.ShouldBe(2);
        var ids = first.Items.Concat(second.Items).Select(e => e.Id).ToList();
        ids.ShouldBe(ids.OrderDescending().ToList(), "newest first, no entry twice");
        ids.Distinct().Count().ShouldBe(4);
        first.Items.Concat(second.Items).ShouldAllBe(e => e.ActorUserId == adminId && e.Operation == "GET /api/admin/audit-log" && e.StatusCode == 200);

        var supportEntries = (await admin.GetAsync<CursorPage<StaffAuditEntryDto>>($"/api/admin/audit-log?actorUserId={supportId}"))!;
        var refused = supportEntries.Items.ShouldHaveSingleItem();
        refused.ActorRole.ShouldBe(Roles.Support);
        refused.StatusCode.ShouldBe(403);
        var byOperation = (await admin.GetAsync<CursorPage<StaffAuditEntryDto>>("/api/admin/audit-log?operation=POST%20/api/admin/secrets"))!;
        byOperation.Items.ShouldAllBe(e => e.Operation.StartsWith("POST /api/admin/secrets"));
    }

    [Fact]
    public async Task A_tenant_user_an_api_key_or_a_stranger_is_refused_before_the_operation_runs_and_the_attempt_is_recorded()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("audit-owner@example.uz", "+998901200002");
        var ownerId = await UserIdAsync("audit-owner@example.uz");
        var keyResponse = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = "CRM", scopes = new[] { "Read", "Write" } });
        var key = (await keyResponse.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!.Key;
        using var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var stranger = factory.CreateClient();
        var before = await LastEntryIdAsync();

        var asOwner = await owner.Http.GetAsync("/api/admin/audit-log");
        var asOwnerRotating = await owner.Http.PostAsync("/api/admin/secrets/rotate", null);
        var asKey = await integrator.GetAsync("/api/admin/audit-log");
        var anonymous = await stranger.GetAsync("/api/admin/audit-log");

        asOwner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asOwner.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        asOwnerRotating.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asKey.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var entries = await EntriesAfterAsync(before);
        entries.Select(e => (e.ActorUserId, e.ActorRole, e.Operation, e.StatusCode)).ShouldBe(
        [
            (ownerId, Roles.Owner, "GET /api/admin/audit-log", 403),
            (ownerId, Roles.Owner, "POST /api/admin/secrets/rotate", 403),
            (null, StaffAuditEntry.ApiKeyRole, "GET /api/admin/audit-log", 403),
            (null, StaffAuditEntry.NoRole, "GET /api/admin/audit-log", 401),
        ]);
        entries.ShouldAllBe(e => e.TenantId == null, "a refused caller learns nothing and names no tenant");
    }

    [Fact]
    public async Task An_owner_sees_what_platform_staff_did_with_their_tenant_and_nothing_about_other_tenants_or_their_own_calls()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("platform-access@example.uz", "+998901200003");
        var tenantId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "platform-access@example.uz").Select(u => u.TenantId!.Value).SingleAsync());
        var adminId = await UserIdAsync(DemoDataSeeder.DemoAdminEmail);
        var now = factory.Time.GetUtcNow();
        // Entries as back-office operations on a tenant record them (the tenant and privacy-request operations).
        await factory.QueryDatabaseAsync(async db =>
        {
            db.StaffAuditLog.AddRange(
                StaffAuditEntry.Record(now, adminId, Roles.Admin, "GET /api/admin/tenants/{id}", $"/api/admin/tenants/{tenantId}", tenantId, null, 200),
                StaffAuditEntry.Record(now, adminId, Roles.Support, "POST /api/admin/tenants/{id}/suspend", $"/api/admin/tenants/{tenantId}/suspend", tenantId, "Chargeback reported by the bank", 200),
                StaffAuditEntry.Record(now, adminId, Roles.Admin, "GET /api/admin/tenants/{id}", "/api/admin/tenants/x", Guid.NewGuid(), null, 200));
            return await db.SaveChangesAsync();
        });
        (await owner.Http.GetAsync("/api/admin/audit-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var page = (await owner.GetAsync<CursorPage<PlatformAccessDto>>("/api/security/platform-access"))!;

        page.Items.Select(e => (e.StaffRole, e.Operation, e.Reason)).ShouldBe(
        [
            (Roles.Support, "POST /api/admin/tenants/{id}/suspend", "Chargeback reported by the bank"),
            (Roles.Admin, "GET /api/admin/tenants/{id}", null),
        ]);
        page.NextCursor.ShouldBeNull();
        var firstOfTwo = (await owner.GetAsync<CursorPage<PlatformAccessDto>>("/api/security/platform-access?limit=1"))!;
        var secondOfTwo = (await owner.GetAsync<CursorPage<PlatformAccessDto>>($"/api/security/platform-access?limit=1&cursor={firstOfTwo.NextCursor}"))!;
        firstOfTwo.Items.Concat(secondOfTwo.Items).Select(e => e.Id).ShouldBe(page.Items.Select(e => e.Id));
        var numeric = await owner.Http.GetAsync($"/api/security/platform-access?cursor={page.Items[0].Id}");
        numeric.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the cursor is opaque: an entry id is not one");
    }

    [Fact]
    public async Task An_entry_cannot_be_changed_or_deleted()
    {
        using var admin = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, "admin-append@virtuops.uz", "+998901200005", Roles.Admin);
        await admin.SignInWithCodeAsync("admin-append@virtuops.uz", SpaClient.StrongPassword, "+998901200005");
        (await admin.Http.GetAsync("/api/admin/audit-log")).EnsureSuccessStatusCode();

        await Should.ThrowAsync<InvalidOperationException>(() => factory.QueryDatabaseAsync(async db =>
        {
            db.StaffAuditLog.Remove(await db.StaffAuditLog.OrderBy(e => e.Id).LastAsync());
            return await db.SaveChangesAsync();
        }));
        await Should.ThrowAsync<InvalidOperationException>(() => factory.QueryDatabaseAsync(async db =>
        {
            var entry = await db.StaffAuditLog.OrderBy(e => e.Id).LastAsync();
            db.Entry(entry).Property(e => e.StatusCode).CurrentValue = 500;
            return await db.SaveChangesAsync();
        }));
        (await factory.QueryDatabaseAsync(db => db.StaffAuditLog.OrderBy(e => e.Id).LastAsync())).StatusCode.ShouldBe(200);
    }
}
