using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Common.Exceptions;

/// <summary>The tenant's processing is restricted, so this cannot be done now (HTTP 409).</summary>
public sealed class ProcessingRestrictedException(TenantRestrictions restrictions) : Exception(DetailOf(restrictions))
{
    public TenantRestrictions Restrictions { get; } = restrictions;

    /// <summary>A trial that ended unpaid is a paywall, not the Privacy Policy's restriction: it says so.</summary>
    public bool OnlyPaymentRequired => Restrictions == TenantRestrictions.PaymentRequired;

    public string Title => OnlyPaymentRequired ? "Payment is required." : "Processing is restricted.";

    private static string DetailOf(TenantRestrictions restrictions)
    {
        if (restrictions == TenantRestrictions.PaymentRequired)
            return "The trial has ended: the account can be read but not changed, and the bots tell customers the service is "
                + "temporarily unavailable (their messages are kept). The owner can choose a plan and pay on the Billing page.";
        if (restrictions.HasFlag(TenantRestrictions.SuspendedByPlatform))
            return "VirtuOps suspended this account (the owner was e-mailed why): the data is kept and can be read, but nothing can be "
                + "changed and the bots do not answer. Contact our support team to have it reactivated.";
        var why = restrictions.HasFlag(TenantRestrictions.PrivacyPolicyWithdrawn) || restrictions.HasFlag(TenantRestrictions.PublicOfferWithdrawn)
            ? "the owner withdrew the consent to the Privacy Policy or the Public Offer"
            : "the owner asked for it";
        return $"Processing of this account's data is restricted because {why}: the data is kept and can be read, exported or erased, "
            + "but nothing can be changed and the bots do not answer. The owner can lift the restriction (or accept the documents again) on the Privacy page.";
    }
}
