namespace VirtuOps.Application.Billing.Payments;

public enum CardType
{
    UzCard = 0,
    Humo = 1,
    Visa = 2,
}

public enum PaylovTransactionState
{
    Succeeded = 0,
    Declined = 1,
    InsufficientFunds = 2,
    ExpiredCard = 3,
    /// <summary>The outcome is unknown (no answer, a server error, a status Paylov has not settled): reconcile later.</summary>
    Pending = 5,
    /// <summary>Paylov has no such transaction: nothing was paid with it.</summary>
    NotFound = 6,
    Refunded = 7,
}

/// <summary>A card-binding session on a hosted page: the customer enters the card there, never on our site.</summary>
public sealed record CardBindingSession(string SessionId, Uri RedirectUrl);

public enum CardBindingStatus
{
    Pending = 0,
    Confirmed = 1,
    Failed = 2,
}

/// <summary>
/// A card bound at Paylov. <paramref name="CardId"/> is Paylov's id of the card, the only secret (stored encrypted); it can
/// be charged only together with the Paylov user id it was bound under (<see cref="PaylovUser.Of"/>).
/// </summary>
public sealed record BoundCard(string CardId, string MaskedPan, CardType CardType, string ExpiryYyMm);

public sealed record CardBindingResult(CardBindingStatus Status, BoundCard? Card, string? TransactionId, string? FailureReason);

/// <summary>One receipt line as the fiscal rules need it: MXIK code, package code, VAT and the seller's STIR.</summary>
public sealed record FiscalItem(string Title, string MxikCode, string PackageCode, int Quantity, long PriceTiyin, int VatPercent, string SellerTin);

/// <summary>
/// The first half of a charge: a receipt at Paylov for <paramref name="AmountTiyin"/> that moves no money.
/// <paramref name="OrderKey"/> (our idempotency key) travels with it so Paylov's records name our charge.
/// </summary>
public sealed record NewCharge(string PaylovUserId, long AmountTiyin, string OrderKey);

/// <summary>The second half: pays the receipt <paramref name="TransactionId"/> from the card.</summary>
public sealed record PayRequest(string TransactionId, string CardId, string PaylovUserId);

public sealed record ChargeResult(PaylovTransactionState State, string? TransactionId, string? ErrorCode);

/// <summary>
/// A fiscal receipt for the paid transaction; the lines' (price − 0) × quantity must add up to <paramref name="AmountTiyin"/>,
/// which is checked before Paylov is called.
/// </summary>
public sealed record ReceiptRequest(string TransactionId, long AmountTiyin, IReadOnlyList<FiscalItem> Items);

public sealed record FiscalReceipt(string ReceiptId, string FiscalSign, Uri Url);

/// <summary>The Paylov user a tenant's cards are bound under: the tenant id, so it never needs storing.</summary>
public static class PaylovUser
{
    public static string Of(Guid tenantId) => tenantId.ToString("N");
}

/// <summary>
/// Paylov as the platform needs it. Everything Paylov-specific (paths, fields, error codes, authentication) lives
/// behind this port in Infrastructure/Paylov. A refusal is a <see cref="ChargeResult"/> or a <see cref="PaylovException"/>;
/// an unknown outcome (no answer, a 5xx) is a <see cref="PaylovUnavailableException"/>.
/// </summary>
public interface IPaylovClient
{
    /// <summary>Starts binding a card on the hosted page with a first payment of <paramref name="amountTiyin"/>.</summary>
    Task<CardBindingSession> StartCardBindingAsync(string externalId, string paylovUserId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken);

    Task<CardBindingResult> GetCardBindingAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the receipt to be paid and returns Paylov's transaction id; no money moves. The caller must store the id
    /// before <see cref="PayAsync"/>: a charge is only ever paid, or paid again, by that stored id.
    /// </summary>
    Task<string> CreateChargeAsync(NewCharge request, CancellationToken cancellationToken);

    /// <summary>Pays a created receipt. Paying it again is safe: an already paid transaction answers as succeeded.</summary>
    Task<ChargeResult> PayAsync(PayRequest request, CancellationToken cancellationToken);

    /// <summary>What became of a transaction, for reconciling an unknown outcome.</summary>
    Task<ChargeResult> GetTransactionAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>Returns a paid transaction's money to the card.</summary>
    Task RefundAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>Removes the card at Paylov; a card Paylov no longer knows counts as removed.</summary>
    Task RemoveCardAsync(string cardId, CancellationToken cancellationToken);

    /// <summary>Registers the fiscal receipt of a paid transaction; a repeat returns the receipt already registered.</summary>
    Task<FiscalReceipt> RegisterReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken);
}
