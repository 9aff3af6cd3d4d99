using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Partners;

/// <summary>
/// A tenant that signed up with a partner's referral code. Belongs to the partner's tenant; at most one per referred
/// tenant (the first touch wins), written once at sign-up and never changed.
/// </summary>
public sealed class Referral : BaseEntity, ITenantOwned
{
    private Referral(Guid tenantId, Guid referredTenantId, DateTimeOffset attributedAt)
    {
        TenantId = tenantId;
        ReferredTenantId = referredTenantId;
        AttributedAt = attributedAt;
    }

    /// <summary>The partner's tenant.</summary>
    public Guid TenantId { get; private set; }

    public Guid ReferredTenantId { get; private set; }

    public DateTimeOffset AttributedAt { get; private set; }

    public static Referral Attribute(Partner partner, Guid referredTenantId, DateTimeOffset at) =>
        partner.TenantId == referredTenantId
            ? throw new InvalidOperationException("A tenant cannot refer itself.")
            : new(partner.TenantId, referredTenantId, at);

    /// <summary>The referred tenant's payments earn a commission until then.</summary>
    public DateTimeOffset CommissionUntil(int commissionMonths) => AttributedAt.AddMonths(commissionMonths);
}
