using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.AdminOperations.Queries.GetOperations;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Webhooks;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Admin;

public sealed class AdminOperationsTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
    [Fact]
    public async Task Staff_on_duty_see_the_queues_the_jobs_and_the_latest_demo_requests()
    {
        using var support = new SpaClient(factory);
        await StaffAccounts.CreateStaffAsync(factory, "support-ops@virtuops.uz", "+998901300071", Roles.Support);
        await support.SignInWithCodeAsync("support-ops@virtuops.uz", SpaClient.StrongPassword, "+998901300071");
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("ops-owner@example.uz", "+998901300072");
        var tenantId = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == "ops-owner@example.uz").Select(u => u.TenantId!.Value).SingleAsync());
        var before = (await support.GetAsync<OperationsDto>("/api/admin/operations"))!;

        using var visitor = factory.CreateClient();
        (await visitor.PostAsJsonAsync("/api/demo-requests", new
        {
            fullName = "Dilnoza Karimova", email = "dilnoza@ops.example.uz", companyName = "Ops Savdo", phoneNumber = "+998901300073", message = "Demo",
        })).EnsureSuccessStatusCode();
        await QueueEventForSwitchedOffSubscriptionAsync(tenantId);

        var after = (await support.GetAsync<OperationsDto>("/api/admin/operations"))!;

        after.DemoRequests[0].CompanyName.ShouldBe("Ops Savdo");
        after.DemoRequests[0].Email.ShouldBe("dilnoza@ops.example.uz");
        after.Webhooks.Pending.ShouldBe(before.Webhooks.Pending + 1, "a switched-off subscription's events wait in the outbox");
        after.Webhooks.DisabledSubscriptions.ShouldBe(before.Webhooks.DisabledSubscriptions + 1);
        after.Outbox.Select(o => o.Channel).ShouldBe([Channel.Telegram, Channel.WhatsApp, Channel.Instagram]);
        after.Jobs.ShouldContain(j => j.Name == "PurgeExpiredAccessLogsJob" && j.NextRunAt > after.At, "the nightly access-log purge is scheduled");
        (await owner.Http.GetAsync("/api/admin/operations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a tenant's owner is not staff");
    }

    private async Task QueueEventForSwitchedOffSubscriptionAsync(Guid tenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var subscription = WebhookSubscription.Create("https://crm.example.uz/hooks", [WebhookEventTypes.ContactCreated], "ops", id => protector.Protect("whsec_ops", id.ToString()));
        subscription.Disable("The receiver kept failing.", factory.Time.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        db.WebhookDeliveries.Add(WebhookDelivery.Queue(subscription, Guid.CreateVersion7(), WebhookEventTypes.ContactCreated, null, 1,
            """{"type":"contact.created"}""", factory.Time.GetUtcNow()));
        await db.SaveChangesAsync();
    }
}
