using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.AdminPrivacyRequests.Queries.GetPrivacyRequestQueue;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Application.StaffAudit.Queries.GetStaffAuditLog;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Application.Common.Interfaces;

namespace Application.FunctionalTests.Admin;

/// <summary>The privacy team's queue of data-subject requests: due dates in business days, taking one on, answering it.</summary>
public sealed class AdminPrivacyRequestsTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    private async Task<SpaClient> StaffAsync(string role, string email, string phone)
    {
        var client = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, email, phone, role);
        await client.SignInWithCodeAsync(email, SpaClient.StrongPassword, phone);
        return client;
    }

    private static async Task<PrivacyRequestDto> SubmitAsync(SpaClient owner, string kind, string text)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/privacy/requests", new { kind, text });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<PrivacyRequestDto>(SpaClient.Json))!;
    }

    private static async Task<List<QueuedPrivacyRequestDto>> QueueAsync(SpaClient staff, string query = "") =>
        await AllPagesAsync(staff, "/api/admin/privacy-requests?limit=2" + query);

    /// <summary>Every page, following the cursor (the queue holds other tests' requests too).</summary>
    private static async Task<List<QueuedPrivacyRequestDto>> AllPagesAsync(SpaClient staff, string url)
    {
        var all = new List<QueuedPrivacyRequestDto>();
        string? cursor = null;
        do
        {
            var page = (await staff.GetAsync<CursorPage<QueuedPrivacyRequestDto>>(cursor is null ? url : $"{url}&cursor={Uri.EscapeDataString(cursor)}"))!;
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        all.Select(r => r.Id).ShouldBeUnique("a page never repeats a request");
        return all;
    }

    private static async Task<List<DevOutboxMessage>> MailToAsync(SpaClient client, string to, Guid mentioning) =>
        (await client.GetAsync<List<DevOutboxMessage>>($"/api/dev/outbox?to={Uri.EscapeDataString(to)}&take=200"))!
            .Where(m => m.Body.Contains(mentioning.ToString(), StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Support_sees_open_requests_oldest_first_with_business_days_left_and_the_overdue_marked()
    {
        using var late = new SpaClient(factory);
        await late.RegisterVerifiedOwnerAsync("dsr-late@example.uz", "+998901310001");
        var overdue = await SubmitAsync(late, "Access", "A copy of my data, please.");
        factory.Time.Advance(TimeSpan.FromDays(30)); // more than 15 business days, whatever the holidays
        using var fresh = new SpaClient(factory);
        await fresh.RegisterVerifiedOwnerAsync("dsr-fresh@example.uz", "+998901310002");
        var onTime = await SubmitAsync(fresh, "Rectification", "My name is misspelt.");
        using var support = await StaffAsync(Roles.Support, "support-dsr@virtuops.uz", "+998901310003");

        var queue = (await QueueAsync(support)).Where(r => r.Id == overdue.Id || r.Id == onTime.Id).ToList();

        queue.Select(r => r.Id).ShouldBe([overdue.Id, onTime.Id]);
        queue[0].Overdue.ShouldBeTrue();
        queue[0].BusinessDaysLeft.ShouldBeLessThan(0);
        queue[0].Text.ShouldBe("A copy of my data, please.");
        queue[1].Overdue.ShouldBeFalse();
        queue[1].BusinessDaysLeft.ShouldBe(15);
        queue[1].Kind.ShouldBe(PrivacyRequestKind.Rectification);
    }

    [Fact]
    public async Task Staff_take_a_request_on_and_answer_it_once_the_requester_gets_the_answer_and_the_audit_log_names_the_tenant()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("dsr-answer@example.uz", "+998901310011");
        var request = await SubmitAsync(owner, "Rectification", "Please fix my company name.");
        var tenantId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "dsr-answer@example.uz").Select(u => u.TenantId!.Value).SingleAsync());
        using var admin = await StaffAsync(Roles.Admin, "admin-dsr@virtuops.uz", "+998901310012");
        var adminId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "admin-dsr@virtuops.uz").Select(u => u.Id).SingleAsync());

        (await admin.Http.PostAsync($"/api/admin/privacy-requests/{request.Id}/assign", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var taken = (await QueueAsync(admin)).Single(r => r.Id == request.Id);
        taken.Status.ShouldBe(PrivacyRequestStatus.InProgress);
        taken.AssignedToUserId.ShouldBe(adminId);

        const string answer = "We corrected the company name in your account.";
        (await admin.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{request.Id}/answer", new { answer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{request.Id}/answer", new { answer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var other = await admin.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{request.Id}/answer", new { answer = "Something else." });

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var mine = (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem();
        mine.Status.ShouldBe(PrivacyRequestStatus.Answered);
        mine.Answer.ShouldBe(answer);
        mine.AnsweredAt!.Value.ShouldBe(factory.Time.GetUtcNow(), TimeSpan.FromMilliseconds(1));
        var mails = (await MailToAsync(owner, "dsr-answer@example.uz", request.Id)).Where(m => m.Body.Contains(answer, StringComparison.Ordinal)).ToList();
        mails.ShouldHaveSingleItem("the repeated answer sends nothing");
        (await QueueAsync(admin)).ShouldNotContain(r => r.Id == request.Id, "the open queue leaves answered requests out");
        (await QueueAsync(admin, "&includeClosed=true")).Single(r => r.Id == request.Id).Answer.ShouldBe(answer);
        var audit = (await admin.GetAsync<CursorPage<StaffAuditEntryDto>>($"/api/admin/audit-log?tenantId={tenantId}&actorUserId={adminId}"))!.Items;
        audit.ShouldContain(e => e.Operation == "POST /api/admin/privacy-requests/{id}/answer" && e.StatusCode == 204);
    }

    [Fact]
    public async Task A_request_closed_without_fulfilment_tells_the_requester_why()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("dsr-reject@example.uz", "+998901310021");
        var request = await SubmitAsync(owner, "Other", "Delete everything about my neighbour.");
        using var support = await StaffAsync(Roles.Support, "support-reject@virtuops.uz", "+998901310022");

        const string reason = "We can only act on requests about your own personal data.";
        (await support.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{request.Id}/reject", new { reason })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem().Status.ShouldBe(PrivacyRequestStatus.Rejected);
        (await MailToAsync(owner, "dsr-reject@example.uz", request.Id)).ShouldContain(m => m.Body.Contains(reason, StringComparison.Ordinal));
        (await support.Http.PostAsync($"/api/admin/privacy-requests/{request.Id}/assign", null)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Tenant_users_are_refused_and_bad_input_is_a_field_error()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("dsr-refused@example.uz", "+998901310031");
        var request = await SubmitAsync(owner, "Access", "A copy, please.");
        using var admin = await StaffAsync(Roles.Admin, "admin-dsr-input@virtuops.uz", "+998901310032");

        (await owner.Http.GetAsync("/api/admin/privacy-requests")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{request.Id}/answer", new { answer = "Done." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var empty = await admin.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{request.Id}/answer", new { answer = "" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("answer", Case.Insensitive);
        (await admin.Http.PostAsJsonAsync($"/api/admin/privacy-requests/{Guid.NewGuid()}/answer", new { answer = "Done." })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.Http.GetAsync("/api/admin/privacy-requests?limit=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.Http.GetAsync("/api/admin/privacy-requests?cursor=not-ours")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem().Status.ShouldBe(PrivacyRequestStatus.Received);
    }
}
