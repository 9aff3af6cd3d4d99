using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Tenants;

/// <summary>
/// The owner's permission for platform staff to read the tenant's conversations and knowledge, for a limited time and a
/// stated reason. Staff see only metadata without one; the owner can end it early.
/// </summary>
public sealed class StaffAccessGrant : TenantOwnedEntity
{
    public const int ReasonMaxLength = 500;

    /// <summary>The longest a grant runs: a week, enough for a support case, short enough not to be forgotten.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    private StaffAccessGrant(Guid grantedByUserId, string reason, DateTimeOffset grantedAt, DateTimeOffset expiresAt)
    {
        GrantedByUserId = grantedByUserId;
        Reason = reason;
        GrantedAt = grantedAt;
        ExpiresAt = expiresAt;
    }

    public Guid GrantedByUserId { get; private set; }

    /// <summary>Why the owner let staff in (a support case, a question): shown to staff and recorded with every read.</summary>
    public string Reason { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public static StaffAccessGrant Give(Guid grantedByUserId, string reason, TimeSpan duration, DateTimeOffset now)
    {
        var trimmed = reason?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > ReasonMaxLength)
            throw new DomainRuleViolationException($"A grant needs a reason of at most {ReasonMaxLength} characters.");
        if (duration <= TimeSpan.Zero || duration > MaxDuration)
            throw new DomainRuleViolationException("A grant runs for at most 7 days.");
        return new StaffAccessGrant(grantedByUserId, trimmed, now, now + duration);
    }

    /// <summary>Ends the grant now; the first revocation time is kept, so revoking twice changes nothing.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
