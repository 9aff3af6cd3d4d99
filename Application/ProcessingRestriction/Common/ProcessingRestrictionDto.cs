using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.ProcessingRestriction.Common;

/// <summary>
/// Whether the tenant's processing is restricted, since when and why: at the owner's request (the owner lifts it),
/// because consents were withdrawn (lifted by accepting those documents again) and/or because the trial ended unpaid
/// (<see cref="PaymentRequired"/>: read-only until a plan is paid for), and/or because platform staff suspended the
/// tenant (<see cref="SuspendedByPlatform"/>: lifted by staff).
/// </summary>
public sealed record ProcessingRestrictionDto(bool Restricted, DateTimeOffset? Since, bool OwnerRequested, IReadOnlyList<ConsentKind> WithdrawnConsents,
    bool PaymentRequired, bool SuspendedByPlatform)
{
    public static ProcessingRestrictionDto Of(Tenant tenant) => Of(tenant.Restrictions, tenant.RestrictedSince);

    public static ProcessingRestrictionDto Of(TenantRestrictions restrictions, DateTimeOffset? since)
    {
        var withdrawn = new List<ConsentKind>();
        if (restrictions.HasFlag(TenantRestrictions.PrivacyPolicyWithdrawn))
            withdrawn.Add(ConsentKind.PrivacyPolicy);
        if (restrictions.HasFlag(TenantRestrictions.PublicOfferWithdrawn))
            withdrawn.Add(ConsentKind.PublicOffer);
        return new ProcessingRestrictionDto(restrictions != TenantRestrictions.None, since, restrictions.HasFlag(TenantRestrictions.OwnerRequest), withdrawn,
            restrictions.HasFlag(TenantRestrictions.PaymentRequired), restrictions.HasFlag(TenantRestrictions.SuspendedByPlatform));
    }
}

public static class ConsentRestrictions
{
    /// <summary>The restriction that withdrawing <paramref name="kind"/> puts on the owner's tenant; None when it puts none.</summary>
    public static TenantRestrictions WithdrawalOf(ConsentKind kind) => kind switch
    {
        ConsentKind.PrivacyPolicy => TenantRestrictions.PrivacyPolicyWithdrawn,
        ConsentKind.PublicOffer => TenantRestrictions.PublicOfferWithdrawn,
        _ => TenantRestrictions.None,
    };
}
