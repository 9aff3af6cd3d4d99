using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Incidents;

/// <summary>
/// An incident's notice to one affected tenant: the e-mail to the owner and the banner in the SPA until the owner
/// acknowledges it. One per incident and tenant (a unique index), so retried or concurrent notifying tells each once.
/// </summary>
public sealed class IncidentNotice : TenantOwnedEntity
{
    private IncidentNotice(Guid incidentId, Guid tenantId)
    {
        IncidentId = incidentId;
        AssignTenant(tenantId);
    }

    public Guid IncidentId { get; private set; }

    /// <summary>When the owner's e-mail was sent; null until it was.</summary>
    public DateTimeOffset? EmailedAt { get; private set; }

    /// <summary>When a notifier took the e-mail on; another notifier leaves it alone until it is sent or this lapses.</summary>
    public DateTimeOffset? EmailClaimedAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public Guid? AcknowledgedByUserId { get; private set; }

    public static IncidentNotice For(Guid incidentId, Guid tenantId) => new(incidentId, tenantId);

    /// <summary>The first acknowledgement counts; acknowledging again changes nothing.</summary>
    public void Acknowledge(Guid userId, DateTimeOffset now)
    {
        if (AcknowledgedAt is not null)
            return;
        AcknowledgedAt = now;
        AcknowledgedByUserId = userId;
    }
}
