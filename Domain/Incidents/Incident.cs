using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Incidents;

/// <summary>
/// A security incident (a personal data breach or a suspected one) as the platform records it for the authority: what
/// happened, when it was discovered, which data and tenants it touched, and the timeline of what staff did: assessed
/// whether owners must be told, notified them, closed it.
/// </summary>
public sealed class Incident : BaseAuditableEntity
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int ReasonMaxLength = 1000;

    private Incident(string title, string description, DateTimeOffset discoveredAt, IncidentDataCategories dataCategories,
        bool allTenants, List<Guid> affectedTenantIds)
    {
        Title = title;
        Description = description;
        DiscoveredAt = discoveredAt;
        DataCategories = dataCategories;
        AllTenants = allTenants;
        AffectedTenantIds = affectedTenantIds;
    }

    public string Title { get; private set; }

    /// <summary>What happened, in the words the owners are sent.</summary>
    public string Description { get; private set; }

    public DateTimeOffset DiscoveredAt { get; private set; }

    public IncidentDataCategories DataCategories { get; private set; }

    /// <summary>Every tenant is affected; otherwise those in <see cref="AffectedTenantIds"/>.</summary>
    public bool AllTenants { get; private set; }

    public List<Guid> AffectedTenantIds { get; private set; }

    public DateTimeOffset? AssessedAt { get; private set; }

    /// <summary>Whether the owners must be told; null until assessed.</summary>
    public bool? NotificationRequired { get; private set; }

    public string? AssessmentReason { get; private set; }

    /// <summary>When the owners were first notified.</summary>
    public DateTimeOffset? NotifiedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosingNote { get; private set; }

    public static Incident Record(string title, string description, DateTimeOffset discoveredAt, IncidentDataCategories dataCategories,
        bool allTenants, IReadOnlyCollection<Guid> affectedTenantIds, DateTimeOffset now)
    {
        if (discoveredAt > now)
            throw new DomainRuleViolationException("An incident cannot be discovered in the future.");
        if (dataCategories == IncidentDataCategories.None)
            throw new DomainRuleViolationException("Name at least one category of data the incident touched.");
        if (allTenants == affectedTenantIds.Count > 0)
            throw new DomainRuleViolationException("An incident affects either all tenants or the tenants listed.");
        return new Incident(title.Trim(), description.Trim(), discoveredAt, dataCategories, allTenants, [.. affectedTenantIds.Distinct()]);
    }

    /// <summary>Decides whether owners must be told; can be reconsidered until they have been.</summary>
    public void Assess(bool notificationRequired, string reason, DateTimeOffset now)
    {
        EnsureOpen();
        if (NotifiedAt is not null)
            throw new DomainRuleViolationException("The owners have been notified already; the assessment stands.");
        NotificationRequired = notificationRequired;
        AssessmentReason = reason.Trim();
        AssessedAt = now;
    }

    /// <summary>Marks the first notification; notifying again (a retry) keeps the first time.</summary>
    public void MarkNotified(DateTimeOffset now)
    {
        EnsureOpen();
        if (NotificationRequired is not true)
            throw new DomainRuleViolationException("Owners are notified only after the incident is assessed as needing it.");
        NotifiedAt ??= now;
    }

    /// <summary>Closing is final; closing again changes nothing.</summary>
    public void Close(string note, DateTimeOffset now)
    {
        if (ClosedAt is not null)
            return;
        if (AssessedAt is null)
            throw new DomainRuleViolationException("Assess the incident before closing it.");
        ClosingNote = note.Trim();
        ClosedAt = now;
    }

    private void EnsureOpen()
    {
        if (ClosedAt is not null)
            throw new DomainRuleViolationException("The incident is closed.");
    }
}
