using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.Incidents.Common;

/// <summary>A step of an incident's timeline; where it stands is its last step.</summary>
public enum IncidentStep
{
    Discovered = 0,
    Recorded = 1,
    Assessed = 2,
    Notified = 3,
    Closed = 4,
}

public sealed record IncidentListItemDto(Guid Id, string Title, DateTimeOffset DiscoveredAt, DateTimeOffset RecordedAt, IncidentStep Stage);

/// <summary>One step of the timeline kept for the authority.</summary>
public sealed record IncidentTimelineEntryDto(IncidentStep Step, DateTimeOffset At, string? Note);

/// <summary>How far the notice has gone: tenants to tell, owners e-mailed, owners who acknowledged the banner.</summary>
public sealed record IncidentDeliveryDto(int Tenants, int Emailed, int Acknowledged);

public sealed record IncidentDto(
    Guid Id,
    string Title,
    string Description,
    DateTimeOffset DiscoveredAt,
    IReadOnlyList<IncidentDataCategories> DataCategories,
    bool AllTenants,
    IReadOnlyList<Guid> AffectedTenantIds,
    IncidentStep Stage,
    bool? NotificationRequired,
    IReadOnlyList<IncidentTimelineEntryDto> Timeline,
    IncidentDeliveryDto Delivery);

public static class IncidentProjections
{
    public static IncidentStep StageOf(DateTimeOffset? assessedAt, DateTimeOffset? notifiedAt, DateTimeOffset? closedAt) =>
        closedAt is not null ? IncidentStep.Closed
        : notifiedAt is not null ? IncidentStep.Notified
        : assessedAt is not null ? IncidentStep.Assessed
        : IncidentStep.Recorded;

    /// <summary>The categories one by one: a list reads better in the API and the SPA than a combined flags value.</summary>
    public static IReadOnlyList<IncidentDataCategories> Split(IncidentDataCategories categories) =>
        Enum.GetValues<IncidentDataCategories>().Where(c => c != IncidentDataCategories.None && categories.HasFlag(c)).ToList();

    public static IncidentDataCategories Combine(IEnumerable<IncidentDataCategories> categories) =>
        categories.Aggregate(IncidentDataCategories.None, (all, c) => all | c);

    public static async Task<IncidentDto> ToDtoAsync(this Incident incident, IApplicationDbContext context, CancellationToken cancellationToken)
    {
        var notices = context.IncidentNotices.IgnoreQueryFilters().Where(n => n.IncidentId == incident.Id);
        var delivery = new IncidentDeliveryDto(
            await notices.CountAsync(cancellationToken),
            await notices.CountAsync(n => n.EmailedAt != null, cancellationToken),
            await notices.CountAsync(n => n.AcknowledgedAt != null, cancellationToken));
        List<IncidentTimelineEntryDto> timeline =
        [
            new(IncidentStep.Discovered, incident.DiscoveredAt, null),
            new(IncidentStep.Recorded, incident.Created, null),
        ];
        if (incident.AssessedAt is { } assessed)
            timeline.Add(new(IncidentStep.Assessed, assessed, incident.AssessmentReason));
        if (incident.NotifiedAt is { } notified)
            timeline.Add(new(IncidentStep.Notified, notified, null));
        if (incident.ClosedAt is { } closed)
            timeline.Add(new(IncidentStep.Closed, closed, incident.ClosingNote));
        return new IncidentDto(incident.Id, incident.Title, incident.Description, incident.DiscoveredAt, Split(incident.DataCategories),
            incident.AllTenants, incident.AffectedTenantIds, StageOf(incident.AssessedAt, incident.NotifiedAt, incident.ClosedAt),
            incident.NotificationRequired, timeline, delivery);
    }
}
