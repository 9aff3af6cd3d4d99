using System.Text.Json;
using System.Text.Json.Serialization;
using VirtuOps.Application.Billing.Payments;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// The assumed Paylov wire format (see PaylovWireFormat.md): snake_case JSON, amounts in tiyin, business outcomes
/// (declines) in the body of a 200, not in the HTTP status. Only this file and <see cref="PaylovClient"/> know it.
/// </summary>
internal static class PaylovWire
{
    public const string MerchantIdHeader = "X-Merchant-Id";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string Currency = "UZS";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record BindRequest(string ExternalId, long Amount, string Currency, string ReturnUrl);

    public sealed record BindSession(string? SessionId, string? RedirectUrl);

    public sealed record BindStatus(string? SessionId, string? Status, Card? Card, string? TransactionId, string? FailureReason);

    public sealed record Card(string? Token, string? MaskedPan, string? CardType, string? Expiry);

    public sealed record PaymentRequest(string CardToken, long Amount, string Currency, string ExternalId, string Description, Fiscal Fiscal);

    public sealed record Fiscal(string Title, string Mxik, string PackageCode, int Quantity, long Price, int VatPercent);

    public sealed record Payment(string? TransactionId, string? State, string? ErrorCode, string? ErrorMessage);

    public sealed record RemoveCardRequest(string CardToken);

    public sealed record CreateReceipt(string TransactionId, string CustomerEmail, IReadOnlyList<Fiscal> Items);

    public sealed record Receipt(string? ReceiptId, string? FiscalSign, string? ReceiptUrl);

    public static Fiscal ToWire(FiscalItem item) =>
        new(item.Title, item.MxikCode, item.PackageCode, item.Quantity, item.PriceTiyin, item.VatPercent);

    /// <summary>Null for a state this adapter does not know; the caller decides what an unknown state means.</summary>
    public static PaylovTransactionState? ParseState(string? state) => state switch
    {
        "success" => PaylovTransactionState.Succeeded,
        "declined" => PaylovTransactionState.Declined,
        "insufficient_funds" => PaylovTransactionState.InsufficientFunds,
        "expired_card" => PaylovTransactionState.ExpiredCard,
        "needs_action" => PaylovTransactionState.NeedsAction,
        "pending" => PaylovTransactionState.Pending,
        "refunded" => PaylovTransactionState.Refunded,
        _ => null,
    };

    public static CardBindingStatus? ParseBindingStatus(string? status) => status switch
    {
        "pending" => CardBindingStatus.Pending,
        "confirmed" => CardBindingStatus.Confirmed,
        "failed" => CardBindingStatus.Failed,
        _ => null,
    };

    public static CardType? ParseCardType(string? cardType) => cardType switch
    {
        "uzcard" => CardType.UzCard,
        "humo" => CardType.Humo,
        "visa" => CardType.Visa,
        _ => null,
    };
}
