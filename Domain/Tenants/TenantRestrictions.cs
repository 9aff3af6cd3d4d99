namespace VirtuOps.Domain.Tenants;

/// <summary>
/// Why a tenant's processing is restricted (Privacy Policy, section 8): its data is kept, but nothing more is done
/// with it. Several reasons may hold at once; each is lifted by its own act, and the tenant is free only when none is left.
/// </summary>
[Flags]
public enum TenantRestrictions
{
    None = 0,

    /// <summary>The owner asked for the restriction; the owner lifts it.</summary>
    OwnerRequest = 1,

    /// <summary>The owner withdrew the Privacy Policy consent; lifted by accepting its current version again.</summary>
    PrivacyPolicyWithdrawn = 2,

    /// <summary>The owner withdrew the Public Offer consent; lifted by accepting its current version again.</summary>
    PublicOfferWithdrawn = 4,

    /// <summary>
    /// The trial ended without a card: the tenant is read-only and its bots tell customers the service is temporarily
    /// unavailable, but customers' messages are still taken in and stored. Lifted by paying for a plan.
    /// </summary>
    PaymentRequired = 8,

    /// <summary>Platform staff suspended the tenant (with a reason, e-mailed to the owner); staff reactivate it.</summary>
    SuspendedByPlatform = 16,
}

public static class TenantRestrictionGroups
{
    /// <summary>
    /// The reasons of the Privacy Policy's restriction, and a suspension by the platform (the same hold, lifted by staff):
    /// nothing at all is done with the data (webhooks wait unprocessed, bots stay silent, nothing is sent).
    /// <see cref="TenantRestrictions.PaymentRequired"/> only makes the tenant read-only.
    /// </summary>
    public const TenantRestrictions HoldingProcessing =
        TenantRestrictions.OwnerRequest | TenantRestrictions.PrivacyPolicyWithdrawn | TenantRestrictions.PublicOfferWithdrawn
        | TenantRestrictions.SuspendedByPlatform;
}
