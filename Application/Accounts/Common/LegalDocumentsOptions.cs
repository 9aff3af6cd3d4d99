namespace VirtuOps.Application.Accounts.Common;

/// <summary>The versions of the published legal texts a user must accept at sign-up (section <c>Legal</c>).</summary>
public sealed class LegalDocumentsOptions
{
    public const string SectionName = "Legal";

    /// <summary>The Privacy Policy "last updated" date.</summary>
    public string PrivacyPolicyVersion { get; set; } = "2026-04-12";

    public string PublicOfferVersion { get; set; } = "2026-04-12";
}
