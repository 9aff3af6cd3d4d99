namespace VirtuOps.Domain.Consents;

/// <summary>What a user consented to. Later features add RecurringCharges (billing) and AiDataSharing (LLM answers).</summary>
public enum ConsentKind
{
    PrivacyPolicy = 0,
    PublicOffer = 1,
    RecurringCharges = 2,
    AiDataSharing = 3,
}
