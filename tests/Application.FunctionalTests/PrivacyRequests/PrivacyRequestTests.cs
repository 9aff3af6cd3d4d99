using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.AccessLogs;
using Application.FunctionalTests.Admin;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VirtuOps.Application.PrivacyRequests.Commands.ConfirmPublicPrivacyRequest;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Infrastructure.Jobs;

namespace Application.FunctionalTests.PrivacyRequests;

/// <summary>
/// Data-subject requests: every request is recorded with a due date 15 business days away, the privacy team hears of
/// it at once and again 3 business days before it falls due, and a signed-out request counts only once its sender
/// proved they hold the address.
/// </summary>
public sealed class PrivacyRequestTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private const string TeamEmail = "support@virtuops.io";

    private BusinessCalendar Calendar => factory.Services.GetRequiredService<BusinessCalendar>();

    private async Task<SpaClient> OwnerAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return owner;
    }

    private static async Task<List<DevOutboxMessage>> MailToAsync(SpaClient client, string to, Guid mentioning) =>
        (await client.GetAsync<List<DevOutboxMessage>>($"/api/dev/outbox?to={Uri.EscapeDataString(to)}&take=200"))!
            .Where(m => m.Body.Contains(mentioning.ToString(), StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_typed_request_is_due_in_15_business_days_listed_for_its_user_and_mailed_to_the_team_and_the_user()
    {
        using var owner = await OwnerAsync("dsr-typed@example.uz", "+998901001401");
        var receivedAt = factory.Time.GetUtcNow();

        var response = await owner.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "Rectification", text = "My company name is misspelt." });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var request = (await response.Content.ReadFromJsonAsync<PrivacyRequestDto>(SpaClient.Json))!;
        request.ShouldSatisfyAllConditions(
            r => r.Kind.ShouldBe(PrivacyRequestKind.Rectification),
            r => r.Status.ShouldBe(PrivacyRequestStatus.Received),
            r => r.ReceivedAt.ShouldBe(receivedAt),
            r => r.DueAt.ShouldBe(Calendar.AddBusinessDays(receivedAt, 15)));
        (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem().Id.ShouldBe(request.Id);
        (await MailToAsync(owner, TeamEmail, request.Id)).ShouldHaveSingleItem().Body.ShouldContain("My company name is misspelt.");
        var acknowledgement = (await MailToAsync(owner, "dsr-typed@example.uz", request.Id)).ShouldHaveSingleItem();
        acknowledgement.Body.ShouldContain(request.DueAt.ToOffset(BusinessCalendar.TashkentOffset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Another_users_requests_are_not_listed_and_bad_input_is_a_field_error()
    {
        using var first = await OwnerAsync("dsr-first@example.uz", "+998901001402");
        using var second = await OwnerAsync("dsr-second@example.uz", "+998901001403");
        (await first.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "Access", text = "A copy, please." })).EnsureSuccessStatusCode();

        (await second.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldBeEmpty();
        (await second.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "ContactErasure", text = "x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await second.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "Other", text = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var anonymous = new SpaClient(factory);
        (await anonymous.Http.GetAsync("/api/privacy/requests")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Withdrawing_a_consent_is_recorded_as_an_answered_request_with_its_due_date()
    {
        using var owner = await OwnerAsync("dsr-consent@example.uz", "+998901001404");

        (await owner.Http.PostAsync("/api/privacy/consents/PublicOffer/withdraw", null)).EnsureSuccessStatusCode();

        var request = (await owner.GetAsync<List<PrivacyRequestDto>>("/api/privacy/requests"))!.ShouldHaveSingleItem();
        request.ShouldSatisfyAllConditions(
            r => r.Kind.ShouldBe(PrivacyRequestKind.ConsentWithdrawal),
            r => r.Status.ShouldBe(PrivacyRequestStatus.Answered),
            r => r.DueAt.ShouldBe(Calendar.AddBusinessDays(r.ReceivedAt, 15)),
            r => r.Answer.ShouldNotBeNullOrWhiteSpace());
    }

    [Fact]
    public async Task A_signed_out_request_is_recorded_only_when_the_link_e_mailed_to_its_address_is_opened()
    {
        using var visitor = new SpaClient(factory);
        const string address = "Former.Customer@example.uz";

        var sent = await visitor.Http.PostAsJsonAsync("/api/public/privacy-requests", new { email = address, kind = "Erasure", text = "Delete everything about me." });

        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await factory.QueryDatabaseAsync(db => db.PrivacyRequests.AnyAsync(r => r.Email == "former.customer@example.uz"))).ShouldBeFalse();
        var link = await visitor.LatestLinkToAsync("former.customer@example.uz");
        link.AbsolutePath.ShouldBe("/privacy-request/confirm");
        var query = QueryHelpers.ParseQuery(link.Query);

        var wrong = await visitor.Http.PostAsJsonAsync("/api/public/privacy-requests/confirm", new { id = query["id"].ToString(), token = "not-the-token" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var confirmed = await visitor.Http.PostAsJsonAsync("/api/public/privacy-requests/confirm", new { id = query["id"].ToString(), token = query["token"].ToString() });

        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var dto = (await confirmed.Content.ReadFromJsonAsync<PrivacyRequestConfirmedDto>(SpaClient.Json))!;
        dto.DueAt.ShouldBe(Calendar.AddBusinessDays(dto.ReceivedAt, 15));
        var stored = await factory.QueryDatabaseAsync(db => db.PrivacyRequests.SingleAsync(r => r.Id == dto.Id));
        stored.ShouldSatisfyAllConditions(
            r => r.Kind.ShouldBe(PrivacyRequestKind.Erasure),
            r => r.Email.ShouldBe("former.customer@example.uz"),
            r => r.UserId.ShouldBeNull(),
            r => r.Text.ShouldBe("Delete everything about me."));
        (await MailToAsync(visitor, TeamEmail, dto.Id)).ShouldHaveSingleItem();
        (await MailToAsync(visitor, "former.customer@example.uz", dto.Id)).ShouldHaveSingleItem();
        // The link works once.
        (await visitor.Http.PostAsJsonAsync("/api/public/privacy-requests/confirm", new { id = query["id"].ToString(), token = query["token"].ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_signed_out_link_expires_after_a_day()
    {
        using var visitor = new SpaClient(factory);
        (await visitor.Http.PostAsJsonAsync("/api/public/privacy-requests", new { email = "late@example.uz", kind = "Other", text = "Hello" })).EnsureSuccessStatusCode();
        var query = QueryHelpers.ParseQuery((await visitor.LatestLinkToAsync("late@example.uz")).Query);

        factory.Time.Advance(UnconfirmedPrivacyRequest.Lifetime);

        (await visitor.Http.PostAsJsonAsync("/api/public/privacy-requests/confirm", new { id = query["id"].ToString(), token = query["token"].ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await factory.QueryDatabaseAsync(db => db.PrivacyRequests.AnyAsync(r => r.Email == "late@example.uz"))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_team_is_reminded_once_three_business_days_before_an_unanswered_request_is_due()
    {
        using var owner = await OwnerAsync("dsr-reminder@example.uz", "+998901001405");
        var request = (await (await owner.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "Restriction", text = "Stop using my data." }))
            .Content.ReadFromJsonAsync<PrivacyRequestDto>(SpaClient.Json))!;
        var remindAt = Calendar.AddBusinessDays(request.DueAt, -3);
        async Task<int> RemindersAsync() =>
            (await MailToAsync(owner, TeamEmail, request.Id)).Count(m => m.Subject!.StartsWith("Reminder", StringComparison.Ordinal));

        factory.Time.SetUtcNow(remindAt.AddMinutes(-1));
        await RunReminderJobAsync();
        (await RemindersAsync()).ShouldBe(0);

        factory.Time.SetUtcNow(remindAt.AddHours(1));
        await RunReminderJobAsync();
        await RunReminderJobAsync();

        (await RemindersAsync()).ShouldBe(1);
        (await factory.QueryDatabaseAsync(db => db.PrivacyRequests.SingleAsync(r => r.Id == request.Id))).ReminderSentAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Each_staff_member_gets_one_digest_a_day_of_the_requests_due_within_three_business_days()
    {
        await StaffAccounts.CreateStaffAsync(factory, "digest-admin@virtuops.uz", "+998901200101", Roles.Admin);
        await StaffAccounts.CreateStaffAsync(factory, "digest-support@virtuops.uz", "+998901200102", Roles.Support);
        using var owner = await OwnerAsync("dsr-digest@example.uz", "+998901001406");
        var request = (await (await owner.Http.PostAsJsonAsync("/api/privacy/requests", new { kind = "Access", text = "Send me my data." }))
            .Content.ReadFromJsonAsync<PrivacyRequestDto>(SpaClient.Json))!;
        var dueSoonFrom = Calendar.AddBusinessDays(request.DueAt, -3);
        async Task<List<DevOutboxMessage>> DigestsAsync(string to) =>
            (await MailToAsync(owner, to, request.Id)).Where(m => m.Subject!.Contains("privacy requests due soon", StringComparison.Ordinal)).ToList();

        factory.Time.SetUtcNow(Calendar.AddBusinessDays(request.DueAt, -4));
        await RunJobAsync(SendPrivacyRequestDigestJob.Key);
        (await DigestsAsync("digest-admin@virtuops.uz")).ShouldBeEmpty("not due within 3 business days yet");

        factory.Time.SetUtcNow(dueSoonFrom.AddMinutes(1));
        await RunJobAsync(SendPrivacyRequestDigestJob.Key);
        await RunJobAsync(SendPrivacyRequestDigestJob.Key); // a retry the same day sends nothing again

        var digest = (await DigestsAsync("digest-admin@virtuops.uz")).ShouldHaveSingleItem();
        digest.Body.ShouldContain($"| Access | 3 | {request.Id}");
        digest.Body.ShouldContain("Business days left");
        digest.Body.ShouldContain("Qolgan ish kunlari");
        digest.Body.ShouldContain("Осталось рабочих дней");
        (await DigestsAsync("digest-support@virtuops.uz")).ShouldHaveSingleItem();
        (await DigestsAsync("dsr-digest@example.uz")).ShouldBeEmpty("only staff get the digest");

        factory.Time.SetUtcNow(Calendar.AddBusinessDays(dueSoonFrom, 1).AddMinutes(1));
        await RunJobAsync(SendPrivacyRequestDigestJob.Key);
        (await DigestsAsync("digest-admin@virtuops.uz")).Count.ShouldBe(2, "the next day brings the next digest");
    }

    private Task RunReminderJobAsync() => RunJobAsync(RemindOfDuePrivacyRequestsJob.Key);

    private async Task RunJobAsync(JobKey key)
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new PurgeScheduleTests.JobCompletion();
        scheduler.ListenerManager.AddJobListener(job, [Matchers.Key(key)]);
        try
        {
            await scheduler.TriggerJob(key);
            await job.Executed.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(job.Name);
        }
    }
}
