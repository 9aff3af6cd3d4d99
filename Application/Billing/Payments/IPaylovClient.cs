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
    /// <summary>The customer must act (e.g. confirm with an SMS code) before it can complete.</summary>
    NeedsAction = 4,
    Pending = 5,
    /// <summary>Paylov has no transaction for the id: it never arrived.</summary>
    NotFound = 6,
    Refunded = 7,
}

/// <summary>A card-binding session on Paylov's hosted page: the customer enters the card there, never on our site.</summary>
public sealed record CardBindingSession(string SessionId, Uri RedirectUrl);

public enum CardBindingStatus
{
    Pending = 0,
    Confirmed = 1,
    Failed = 2,
}

/// <summary>What Paylov tells us about a bound card; the token is the only secret and is stored encrypted.</summary>
public sealed record BoundCard(string Token, string MaskedPan, CardType CardType, string ExpiryYyMm);

public sealed record CardBindingResult(CardBindingStatus Status, BoundCard? Card, string? TransactionId, string? FailureReason);

/// <summary>One receipt line as the fiscal rules need it.</summary>
public sealed record FiscalItem(string Title, string MxikCode, string PackageCode, int Quantity, long PriceTiyin, int VatPercent);

public sealed record ChargeRequest(string CardToken, long AmountTiyin, string IdempotencyKey, string Description, FiscalItem Item);

public sealed record ChargeResult(PaylovTransactionState State, string? TransactionId, string? ErrorCode, string? ErrorMessage);

public sealed record ReceiptRequest(string TransactionId, string IdempotencyKey, string CustomerEmail, FiscalItem Item);

public sealed record FiscalReceipt(string ReceiptId, string FiscalSign, Uri Url);

/// <summary>
/// Paylov as the platform needs it. Everything Paylov-specific (endpoint names, fields, signatures) lives behind this
/// port in Infrastructure/Paylov, so confirming the real contract changes one folder.
/// </summary>
public interface IPaylovClient
{
    /// <summary>Starts binding a card with a first payment of <paramref name="amountTiyin"/>; Paylov texts the card holder a code.</summary>
    Task<CardBindingSession> StartCardBindingAsync(string externalId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken);

    Task<CardBindingResult> GetCardBindingAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Charges a bound card. The same idempotency key always yields the first attempt's result.</summary>
    Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken);

    /// <summary>The state of the transaction made with this idempotency key, for reconciling unknown outcomes.</summary>
    Task<ChargeResult> GetTransactionAsync(string idempotencyKey, CancellationToken cancellationToken);

    Task RemoveCardAsync(string cardToken, CancellationToken cancellationToken);

    Task<FiscalReceipt> CreateReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken);
}
