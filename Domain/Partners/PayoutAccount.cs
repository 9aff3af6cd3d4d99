using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Partners;

public enum PayeeKind
{
    /// <summary>A person: identified by PINFL (14 digits), checked against the payout card with Paylov.</summary>
    Individual = 0,

    /// <summary>A company: identified by STIR (9 digits) and its name; no Paylov check exists.</summary>
    Company = 1,
}

/// <summary>
/// Where and to whom a partner's payouts go: the payee's PINFL or STIR (encrypted with the row id as associated data,
/// shown masked) and the payout card bound at Paylov (its id encrypted). Collected only from partners: the Privacy Policy
/// promises these details "exclusively for users who receive payouts". One per partner tenant.
/// </summary>
public sealed class PayoutAccount : TenantOwnedEntity
{
    public const int CompanyNameMaxLength = 200;

    private PayoutAccount()
    {
    }

    public PayeeKind Kind { get; private set; }

    /// <summary>The PINFL or STIR, encrypted.</summary>
    public string EncryptedTaxId { get; private set; } = string.Empty;

    /// <summary>The PINFL or STIR with all but its last 4 digits hidden.</summary>
    public string MaskedTaxId { get; private set; } = string.Empty;

    public string? CompanyName { get; private set; }

    /// <summary>Paylov's id of the payout card, encrypted; null until one is bound.</summary>
    public string? EncryptedCardId { get; private set; }

    public string? CardMaskedPan { get; private set; }

    /// <summary>When Paylov confirmed that the payout card is the PINFL holder's; null for a company or before the check.</summary>
    public DateTimeOffset? PinflVerifiedAt { get; private set; }

    /// <summary>Payouts can be sent: a card, and for a person a PINFL Paylov matched with it.</summary>
    public bool IsReady => EncryptedCardId is not null && (Kind == PayeeKind.Company || PinflVerifiedAt is not null);

    public static PayoutAccount Open() => new();

    /// <summary>New payee details; a person's PINFL must be checked against the card again.</summary>
    public void SetPayee(PayeeKind kind, string encryptedTaxId, string maskedTaxId, string? companyName)
    {
        Kind = kind;
        EncryptedTaxId = encryptedTaxId;
        MaskedTaxId = maskedTaxId;
        CompanyName = kind == PayeeKind.Company ? companyName : null;
        PinflVerifiedAt = null;
    }

    /// <summary>A new payout card; a person's PINFL must be checked against it again.</summary>
    public void BindCard(string encryptedCardId, string maskedPan)
    {
        EncryptedCardId = encryptedCardId;
        CardMaskedPan = maskedPan;
        PinflVerifiedAt = null;
    }

    public void PinflVerified(DateTimeOffset at) => PinflVerifiedAt = at;

    /// <summary>Shows the last 4 digits only.</summary>
    public static string Mask(string digits) => new string('*', Math.Max(0, digits.Length - 4)) + digits[^Math.Min(4, digits.Length)..];
}
