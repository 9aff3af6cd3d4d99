using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Accounts.Common;

/// <summary>
/// The versions of the published legal texts a user must accept (section <c>Legal</c>): at sign-up, and again at the
/// next sign-in after a new version is configured.
/// </summary>
public sealed class LegalDocumentsOptions
{
    public const string SectionName = "Legal";

    /// <summary>The Privacy Policy "last updated" date.</summary>
    public string PrivacyPolicyVersion { get; set; } = "2026-04-12";

    public string PublicOfferVersion { get; set; } = "2026-04-12";

    public string VersionOf(ConsentKind kind) => kind == ConsentKind.PublicOffer ? PublicOfferVersion : PrivacyPolicyVersion;
}
