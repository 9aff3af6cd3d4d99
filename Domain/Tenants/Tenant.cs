using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Tenants;

/// <summary>A business or individual entrepreneur that uses VirtuOps.</summary>
public sealed class Tenant : BaseAuditableEntity
{
    public const int NameMaxLength = 200;

    private Tenant(string name) => Name = name;

    public string Name { get; private set; }

    /// <summary>Why processing is restricted; <see cref="TenantRestrictions.None"/> when it is not.</summary>
    public TenantRestrictions Restrictions { get; private set; }

    /// <summary>Since when processing has been restricted without a break; null when it is not.</summary>
    public DateTimeOffset? RestrictedSince { get; private set; }

    public bool IsRestricted => Restrictions != TenantRestrictions.None;

    /// <summary>Restricted for a reason of the Privacy Policy: nothing is done with the data, not even answering.</summary>
    public bool HoldsProcessing => (Restrictions & TenantRestrictionGroups.HoldingProcessing) != TenantRestrictions.None;

    /// <summary>Messages older than this many days are deleted by the nightly retention purge; null keeps them all.</summary>
    public int? MessageRetentionDays { get; private set; }

    public static Tenant Create(string name) => new(ValidName(name));

    public void Rename(string name) => Name = ValidName(name);

    public void Restrict(TenantRestrictions reason, DateTimeOffset at)
    {
        if (!IsRestricted)
            RestrictedSince = at;
        Restrictions |= reason;
    }

    /// <summary>Lifts one reason; the others, if any, keep the tenant restricted.</summary>
    public void Lift(TenantRestrictions reason)
    {
        Restrictions &= ~reason;
        if (!IsRestricted)
            RestrictedSince = null;
    }

    public const int MinMessageRetentionDays = 30;
    public const int MaxMessageRetentionDays = 3650;

    /// <summary>
    /// How long conversations are kept. At least 30 days, so an agent can still read last month's conversation when a
    /// customer comes back to it; null (the default) keeps them until the tenant or the contact is erased.
    /// </summary>
    public void SetMessageRetention(int? days)
    {
        if (days is < MinMessageRetentionDays or > MaxMessageRetentionDays)
            throw new DomainRuleViolationException($"Messages are kept {MinMessageRetentionDays} to {MaxMessageRetentionDays} days, or without limit.");
        MessageRetentionDays = days;
    }

    /// <summary>
    /// What is left of an erased tenant: the row the kept fiscal records point to, without its name (a sole
    /// trader's business is often named after the person).
    /// </summary>
    public void Anonymise() => Name = ErasedName;

    public const string ErasedName = "Erased";

    private static string ValidName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainRuleViolationException("A tenant needs a name.");
        if (trimmed.Length > NameMaxLength)
            throw new DomainRuleViolationException($"A tenant name is at most {NameMaxLength} characters.");
        return trimmed;
    }
}
