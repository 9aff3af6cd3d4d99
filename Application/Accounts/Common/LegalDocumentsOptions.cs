using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Accounts.Common;

/// <summary>
/// The versions of the published legal texts a user must accept (at sign-up, and again at the next sign-in after a new
/// version is configured), and the contacts they name (section <c>Legal</c>).
/// </summary>
public sealed class LegalDocumentsOptions
{
    public const string SectionName = "Legal";

    /// <summary>The Privacy Policy "last updated" date.</summary>
    public string PrivacyPolicyVersion { get; set; } = "2026-04-12";

    public string PublicOfferVersion { get; set; } = "2026-04-12";

    public string VersionOf(ConsentKind kind) => kind == ConsentKind.PublicOffer ? PublicOfferVersion : PrivacyPolicyVersion;

    /// <summary>Where users get help; the Privacy Policy (section 9) names this address.</summary>
    public string SupportEmail { get; set; } = "support@virtuops.io";

    /// <summary>Where users write about their personal data; the policy sends such questions to support too.</summary>
    public string PrivacyEmail { get; set; } = "support@virtuops.io";
}
