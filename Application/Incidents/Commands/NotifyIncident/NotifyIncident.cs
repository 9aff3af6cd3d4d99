using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.Incidents.Commands.NotifyIncident;

/// <summary>
/// Tells every affected owner: a notice per tenant (the banner in the SPA until acknowledged) and its e-mail. Each tenant
/// is told once however often or concurrently this runs; a retry sends only the e-mails that failed. Admins only, after
/// the incident was assessed as needing it (422 otherwise).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record NotifyIncidentCommand(Guid Id) : ICommand<IncidentDto>;

public sealed partial class NotifyIncidentCommandHandler(
    IApplicationDbContext context, IIdentityService identity, IncidentMail mail, TimeProvider time, ILogger<NotifyIncidentCommandHandler> logger)
    : ICommandHandler<NotifyIncidentCommand, IncidentDto>
{
    /// <summary>A notifier that took an e-mail on and then died leaves it to the next notify after this long.</summary>
    public static readonly TimeSpan ClaimLapse = TimeSpan.FromMinutes(10);

    public async ValueTask<IncidentDto> Handle(NotifyIncidentCommand command, CancellationToken cancellationToken)
    {
        var incident = await context.Incidents.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such incident.");
        var now = time.GetUtcNow();
        incident.MarkNotified(now);

        // The owners to tell; an erased tenant has none and is left out.
        var candidates = incident.AllTenants ? await context.Tenants.Select(t => t.Id).ToListAsync(cancellationToken) : incident.AffectedTenantIds;
        var owners = await identity.FindOwnerEmailsAsync(candidates, cancellationToken);
        var noticed = await context.IncidentNotices.IgnoreQueryFilters()
            .Where(n => n.IncidentId == incident.Id).Select(n => n.TenantId).ToListAsync(cancellationToken);
        foreach (var tenantId in owners.Keys.Except(noticed))
            context.IncidentNotices.Add(IncidentNotice.For(incident.Id, tenantId));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent notify stored notices of the same tenants first (one per incident and tenant): its rows
            // stand, and the e-mails below are claimed one by one.
            foreach (var notice in context.IncidentNotices.Local.ToList())
                context.IncidentNotices.Entry(notice).State = EntityState.Detached;
            context.Incidents.Entry(incident).State = EntityState.Detached;
        }

        var pending = await context.IncidentNotices.IgnoreQueryFilters().AsNoTracking()
            .Where(n => n.IncidentId == incident.Id && n.EmailedAt == null)
            .Select(n => new { n.Id, n.TenantId })
            .ToListAsync(cancellationToken);
        foreach (var notice in pending)
        {
            if (owners.GetValueOrDefault(notice.TenantId) is { } address)
                await SendOnceAsync(notice.Id, address, incident, cancellationToken);
        }

        var saved = await context.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, cancellationToken);
        return await saved.ToDtoAsync(context, cancellationToken);
    }

    /// <summary>Sends a notice's e-mail if this notifier's claim on it lands; a failed send gives the claim back for a retry.</summary>
    private async Task SendOnceAsync(Guid noticeId, string address, Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lapsed = now - ClaimLapse;
        var claimed = await context.IncidentNotices.IgnoreQueryFilters()
            .Where(n => n.Id == noticeId && n.EmailedAt == null && (n.EmailClaimedAt == null || n.EmailClaimedAt < lapsed))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailClaimedAt, now), cancellationToken);
        if (claimed == 0)
            return;
        try
        {
            await mail.SendAsync(address, incident, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSendFailed(noticeId, exception);
            await context.IncidentNotices.IgnoreQueryFilters().Where(n => n.Id == noticeId)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailClaimedAt, (DateTimeOffset?)null), CancellationToken.None);
            return;
        }
        await context.IncidentNotices.IgnoreQueryFilters().Where(n => n.Id == noticeId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, time.GetUtcNow()), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The incident notice {NoticeId} could not be e-mailed; notifying again retries it.")]
    private partial void LogSendFailed(Guid noticeId, Exception exception);
}
