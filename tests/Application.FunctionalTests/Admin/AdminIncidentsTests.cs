using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.IncidentNotices.Queries.GetIncidentNotices;
using VirtuOps.Application.Incidents.Common;
using VirtuOps.Application.Incidents.Queries.GetIncidentDeliveries;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Incidents;

namespace Application.FunctionalTests.Admin;

/// <summary>Admins record an incident, assess it, notify every affected owner exactly once (e-mail and banner) and close it.</summary>
public sealed class AdminIncidentsTests(AdminApiFactory factory) : IClassFixture<AdminApiFactory>
{
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
        return (owner, await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TenantId!.Value).SingleAsync()));
    }

    private object Incident(string title, bool allTenants, params Guid[] tenantIds) => new
    {
        title,
        description = "A misconfigured backup bucket was readable from the internet for 3 hours.",
        discoveredAt = factory.Time.GetUtcNow().AddHours(-2),
        dataCategories = new[] { "Messages", "ContactDetails" },
        allTenants,
        tenantIds,
    };

    private static async Task<IncidentDto> ReadAsync(HttpResponseMessage response)
    {
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<IncidentDto>(SpaClient.Json))!;
    }

    [Fact]
    public async Task An_incident_is_assessed_then_each_affected_owner_is_told_once_by_email_and_banner_until_acknowledged_and_the_timeline_is_kept()
    {
        var (ownerA, tenantA) = await OwnerAsync("incident-a@example.uz", "+998901800001");
        using var _ = ownerA;
        var (ownerB, tenantB) = await OwnerAsync("incident-b@example.uz", "+998901800002");
        using var __ = ownerB;
        var (bystander, ___) = await OwnerAsync("incident-c@example.uz", "+998901800003");
        using var ____ = bystander;
        using var admin = await StaffAsync(Roles.Admin, "admin-incident@virtuops.uz", "+998901800011");
        var mailsBefore = (A: await ownerA.MessageCountToAsync("incident-a@example.uz"), B: await ownerB.MessageCountToAsync("incident-b@example.uz"),
            C: await bystander.MessageCountToAsync("incident-c@example.uz"));

        var recorded = await admin.Http.PostAsJsonAsync("/api/admin/incidents", Incident("Backup bucket exposed", false, tenantA, tenantB));
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created);
        var incident = await ReadAsync(recorded);
        incident.Stage.ShouldBe(IncidentStep.Recorded);
        incident.DataCategories.ShouldBe([IncidentDataCategories.ContactDetails, IncidentDataCategories.Messages]);
        (await admin.Http.PostAsync($"/api/admin/incidents/{incident.Id}/notify", null)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity,
            "nobody is told before the incident is assessed");
        await ReadAsync(await admin.Http.PostAsJsonAsync($"/api/admin/incidents/{incident.Id}/assess",
            new { id = incident.Id, notificationRequired = true, reason = "Conversations of customers were readable: high risk" }));

        // Concurrent and retried notifying tells each owner once.
        var notified = await Task.WhenAll(
            admin.Http.PostAsync($"/api/admin/incidents/{incident.Id}/notify", null),
            admin.Http.PostAsync($"/api/admin/incidents/{incident.Id}/notify", null));
        notified.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var afterRetry = await ReadAsync(await admin.Http.PostAsync($"/api/admin/incidents/{incident.Id}/notify", null));

        afterRetry.Delivery.ShouldBe(new IncidentDeliveryDto(2, 2, 0));
        (await ownerA.MessageCountToAsync("incident-a@example.uz")).ShouldBe(mailsBefore.A + 1);
        (await ownerB.MessageCountToAsync("incident-b@example.uz")).ShouldBe(mailsBefore.B + 1);
        (await bystander.MessageCountToAsync("incident-c@example.uz")).ShouldBe(mailsBefore.C);
        var mail = await ownerA.LatestMessageToAsync("incident-a@example.uz");
        mail.Body.ShouldContain("A misconfigured backup bucket was readable from the internet for 3 hours.");
        mail.Body.ShouldContain("Nima boʻldi");
        mail.Body.ShouldContain("Что произошло");
        mail.Body.ShouldContain("What happened");

        var banner = (await ownerA.GetAsync<List<IncidentNoticeDto>>("/api/incident-notices"))!.ShouldHaveSingleItem();
        banner.Title.ShouldBe("Backup bucket exposed");
        (await bystander.GetAsync<List<IncidentNoticeDto>>("/api/incident-notices"))!.ShouldBeEmpty();
        (await bystander.Http.PostAsync($"/api/incident-notices/{banner.Id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ownerA.Http.PostAsync($"/api/incident-notices/{banner.Id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ownerA.Http.PostAsync($"/api/incident-notices/{banner.Id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ownerA.GetAsync<List<IncidentNoticeDto>>("/api/incident-notices"))!.ShouldBeEmpty();
        (await ownerB.GetAsync<List<IncidentNoticeDto>>("/api/incident-notices"))!.ShouldHaveSingleItem();

        var deliveries = (await admin.GetAsync<CursorPage<IncidentNoticeDeliveryDto>>($"/api/admin/incidents/{incident.Id}/deliveries"))!;
        deliveries.Items.Select(d => (d.TenantId, Emailed: d.EmailedAt is not null, Acknowledged: d.AcknowledgedAt is not null))
            .ShouldBe([(tenantA, true, true), (tenantB, true, false)], ignoreOrder: true);

        var closed = await ReadAsync(await admin.Http.PostAsJsonAsync($"/api/admin/incidents/{incident.Id}/close",
            new { id = incident.Id, note = "Bucket locked down; the authority was informed" }));
        closed.Stage.ShouldBe(IncidentStep.Closed);
        closed.Timeline.Select(t => t.Step).ShouldBe([IncidentStep.Discovered, IncidentStep.Recorded, IncidentStep.Assessed, IncidentStep.Notified, IncidentStep.Closed]);
        closed.Timeline.Single(t => t.Step == IncidentStep.Assessed).Note.ShouldBe("Conversations of customers were readable: high risk");
        (await admin.Http.PostAsync($"/api/admin/incidents/{incident.Id}/notify", null)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var audited = await factory.QueryDatabaseAsync(db => db.StaffAuditLog.Where(e => e.Path.StartsWith($"/api/admin/incidents/{incident.Id}"))
            .Select(e => e.Operation).Distinct().ToListAsync());
        audited.ShouldBe(["POST /api/admin/incidents/{id}/notify", "POST /api/admin/incidents/{id}/assess", "GET /api/admin/incidents/{id}/deliveries",
            "POST /api/admin/incidents/{id}/close"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_incident_of_all_tenants_tells_every_owner_once_and_one_not_needing_notice_tells_nobody()
    {
        var (owner, _) = await OwnerAsync("incident-all@example.uz", "+998901800004");
        using var __ = owner;
        using var admin = await StaffAsync(Roles.Admin, "admin-incident-all@virtuops.uz", "+998901800012");
        var before = await owner.MessageCountToAsync("incident-all@example.uz");

        var quiet = await ReadAsync(await admin.Http.PostAsJsonAsync("/api/admin/incidents", Incident("Laptop lost, disk encrypted", true)));
        await ReadAsync(await admin.Http.PostAsJsonAsync($"/api/admin/incidents/{quiet.Id}/assess",
            new { id = quiet.Id, notificationRequired = false, reason = "The disk was encrypted: no risk to people" }));
        (await admin.Http.PostAsync($"/api/admin/incidents/{quiet.Id}/notify", null)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var incident = await ReadAsync(await admin.Http.PostAsJsonAsync("/api/admin/incidents", Incident("Database snapshot leaked", true)));
        await ReadAsync(await admin.Http.PostAsJsonAsync($"/api/admin/incidents/{incident.Id}/assess",
            new { id = incident.Id, notificationRequired = true, reason = "All conversations were in the snapshot" }));
        var notified = await ReadAsync(await admin.Http.PostAsync($"/api/admin/incidents/{incident.Id}/notify", null));

        var tenantsWithOwner = await factory.QueryDatabaseAsync(db => db.Users.Where(u => u.TenantId != null).Select(u => u.TenantId).Distinct().CountAsync());
        notified.Delivery.ShouldBe(new IncidentDeliveryDto(tenantsWithOwner, tenantsWithOwner, 0));
        (await owner.MessageCountToAsync("incident-all@example.uz")).ShouldBe(before + 1);
        (await owner.GetAsync<List<IncidentNoticeDto>>("/api/incident-notices"))!.Select(n => n.Title).ShouldBe(["Database snapshot leaked"]);
    }

    [Fact]
    public async Task Only_admins_manage_incidents_and_bad_input_is_a_field_error()
    {
        var (owner, tenantId) = await OwnerAsync("incident-roles@example.uz", "+998901800005");
        using var _ = owner;
        using var support = await StaffAsync(Roles.Support, "support-incident@virtuops.uz", "+998901800013");
        using var admin = await StaffAsync(Roles.Admin, "admin-incident-input@virtuops.uz", "+998901800014");

        (await support.Http.GetAsync("/api/admin/incidents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await support.Http.PostAsJsonAsync("/api/admin/incidents", Incident("Support tries", false, tenantId))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Http.PostAsJsonAsync("/api/admin/incidents", Incident("Owner tries", false, tenantId))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Http.GetAsync("/api/admin/incidents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var future = await admin.Http.PostAsJsonAsync("/api/admin/incidents", new
        {
            title = "", description = "x", discoveredAt = factory.Time.GetUtcNow().AddDays(1), dataCategories = Array.Empty<string>(), allTenants = false,
            tenantIds = new[] { Guid.NewGuid() },
        });
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.ShouldBe(["title", "discoveredAt", "dataCategories"], ignoreOrder: true);
        var unknownTenant = await admin.Http.PostAsJsonAsync("/api/admin/incidents", Incident("Unknown tenant", false, Guid.NewGuid()));
        unknownTenant.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownTenant.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.ShouldBe(["tenantIds"]);
        var neither = await admin.Http.PostAsJsonAsync("/api/admin/incidents", Incident("No tenants", false));
        (await neither.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.ShouldBe(["tenantIds"]);
        (await factory.QueryDatabaseAsync(db => db.Incidents.CountAsync(i => i.Title.EndsWith("tries")))).ShouldBe(0);
    }
}
