using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Privacy;

public enum ErasureScope
{
    /// <summary>One person's account (an agent's): the tenant and its data stay.</summary>
    Account = 0,

    /// <summary>The whole tenant with every account of it (an owner's erasure).</summary>
    Tenant = 1,
}

/// <summary>
/// A request to erase an account or a whole tenant. The data is purged once <see cref="PurgeAfter"/> has passed,
/// unless cancelled first. Each step of the purge is recorded, so a purge cut short resumes where it stopped and
/// does not tell third parties or send the confirmation twice. The row holds only ids and times, so it stays after
/// the purge as the record that the erasure was carried out.
/// </summary>
public sealed class ErasureRequest : BaseEntity
{
    private ErasureRequest(Guid tenantId, Guid userId, ErasureScope scope, DateTimeOffset requestedAt, DateTimeOffset purgeAfter)
    {
        TenantId = tenantId;
        UserId = userId;
        Scope = scope;
        RequestedAt = requestedAt;
        PurgeAfter = purgeAfter;
    }

    public Guid TenantId { get; private set; }

    /// <summary>Who asked: for <see cref="ErasureScope.Account"/> also whose account goes.</summary>
    public Guid UserId { get; private set; }

    public ErasureScope Scope { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    /// <summary>The end of the grace period: the purge runs at its first schedule after this.</summary>
    public DateTimeOffset PurgeAfter { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    /// <summary>The data-subject request this erasure answers, closed when the erasure is carried out or cancelled.</summary>
    public Guid? PrivacyRequestId { get; private set; }

    /// <summary>When Paylov, Telegram and Meta were told (card removed, webhooks and subscriptions dropped).</summary>
    public DateTimeOffset? ThirdPartiesToldAt { get; private set; }

    public DateTimeOffset? ConfirmationSentAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsPending => CancelledAt is null && CompletedAt is null;

    public static ErasureRequest Schedule(Guid tenantId, Guid userId, ErasureScope scope, DateTimeOffset now, TimeSpan gracePeriod, Guid? privacyRequestId) =>
        new(tenantId, userId, scope, now, now + gracePeriod) { PrivacyRequestId = privacyRequestId };

    public void Cancel(DateTimeOffset at)
    {
        if (!IsPending)
            throw new DomainRuleViolationException("Only a pending erasure can be cancelled.");
        CancelledAt = at;
    }

    public void ThirdPartiesTold(DateTimeOffset at) => ThirdPartiesToldAt ??= at;

    public void ConfirmationSent(DateTimeOffset at) => ConfirmationSentAt ??= at;

    public void Complete(DateTimeOffset at) => CompletedAt ??= at;
}
