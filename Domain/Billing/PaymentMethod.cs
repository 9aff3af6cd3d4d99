using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Billing;

/// <summary>
/// A card bound through Paylov. Only Paylov's token is a secret, and it is kept encrypted (with this row's id bound
/// in, so it cannot be moved to another row); the masked number, type and expiry are for the owner to recognise it.
/// </summary>
public sealed class PaymentMethod : TenantOwnedEntity
{
    private PaymentMethod(string encryptedToken, string maskedPan, string cardType, string expiryYyMm)
    {
        EncryptedToken = encryptedToken;
        MaskedPan = maskedPan;
        CardType = cardType;
        ExpiryYyMm = expiryYyMm;
    }

    public string EncryptedToken { get; private set; }

    public string MaskedPan { get; private set; }

    public string CardType { get; private set; }

    public string ExpiryYyMm { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsActive => RemovedAt is null;

    /// <summary>
    /// Creates the row; <paramref name="encrypt"/> receives the row's own id (the associated data) and returns the
    /// encrypted token, so the ciphertext is bound to this row from the start.
    /// </summary>
    public static PaymentMethod Bind(Func<Guid, string> encrypt, string maskedPan, string cardType, string expiryYyMm)
    {
        var method = new PaymentMethod(string.Empty, maskedPan, cardType, expiryYyMm);
        method.EncryptedToken = encrypt(method.Id);
        return method;
    }

    public void ReplaceEncryptedToken(string encryptedToken) => EncryptedToken = encryptedToken;

    /// <summary>The token is deleted, not just flagged: a removed card can never be charged again.</summary>
    public void Remove(DateTimeOffset at)
    {
        RemovedAt ??= at;
        EncryptedToken = string.Empty;
    }
}
