using System.Text.Json;
using System.Text.Json.Serialization;
using VirtuOps.Application.Billing.Payments;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// Paylov's documented wire format (see PaylovWireFormat.md): paths under <c>merchant/</c> with a trailing slash,
/// camelCase bodies except the OAuth2 token call and the OFD items (snake_case, named per field below), a
/// <c>{result, error}</c> envelope with declines as error codes. Only this file and <see cref="PaylovClient"/> know it.
/// </summary>
internal static class PaylovWire
{
    public const string TokenPath = "merchant/oauth2/token/";
    public const string CreateReceiptPath = "merchant/receipts/create/";
    public const string PayReceiptPath = "merchant/receipts/pay/";
    public const string TransactionsPath = "merchant/getTransactions/";
    public const string CancelPaymentPath = "merchant/payment/cancel/";
    public const string DeleteCardPath = "merchant/userCard/deleteUserCard/";
    public const string RegisterReceiptPath = "merchant/fiscalization/register/";
    public const string ReceiptStatusPath = "merchant/fiscalization/status/";

    /// <summary>
    /// ASSUMED: Paylov documents no hosted card page (an open question). These paths are used only by
    /// <c>Paylov:CardBinding = Hosted</c> and will change when Paylov confirms one.
    /// </summary>
    public const string CreateUserCardPath = "merchant/userCard/createUserCard/";
    public const string ConfirmUserCardPath = "merchant/userCard/confirmUserCardCreate/";

    public const string HostedBindingPath = "merchant/userCard/hostedBinding/";

    public const string CheckPinflPath = "merchant/userCard/checkPinflMatch/";
    public const string PayoutPath = "merchant/a2c/performTransaction/";
    public const string PayoutByExternalIdPath = "merchant/a2c/checkTransaction/byExternalId/";

    /// <summary>Set on a request the resilience pipeline must not repeat: a payout, looked up by external id instead.</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("VirtuOps.Paylov.NoRetry");

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record TokenRequest(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("username")] string? UserName = null,
        [property: JsonPropertyName("password")] string? Password = null,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken = null);

    public sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("refresh_expires_in")] int? RefreshExpiresIn);

    public sealed record Error(string? Code, string? Message);

    /// <summary><c>account</c> is required (an object); it carries our idempotency key so Paylov's records name our charge.</summary>
    public sealed record CreateReceipt(string UserId, decimal Amount, Account Account);

    public sealed record Account([property: JsonPropertyName("order_id")] string OrderId);

    public sealed record Transaction(string? TransactionId);

    public sealed record PayReceipt(string TransactionId, string CardId, string UserId);

    public sealed record CancelPayment(string TransactionId);

    public sealed record RegisterReceipt(string TransactionId, IReadOnlyList<ReceiptItem> Items, int ReceiptType);

    /// <summary>OFD items are snake_case where the names have two words; price and discount are tiyin per unit.</summary>
    public sealed record ReceiptItem(
        string Title,
        long Price,
        int Count,
        long Discount,
        string Code,
        [property: JsonPropertyName("package_code")] string PackageCode,
        [property: JsonPropertyName("vat_percent")] int VatPercent,
        string Tin);

    public sealed record Registered(Ofd? Ofd);

    /// <summary>The OFD receipt, as <c>register</c> (under <c>ofd</c>) and <c>status</c> (flat) return it.</summary>
    public sealed record Ofd(string? ReceiptUrl, JsonElement? ReceiptId, string? FiscalSign, string? TerminalId);

    public sealed record CheckPinfl(string CardId, string Pinfl);

    public sealed record PinflMatch(bool? Match);

    public sealed record PerformPayout(long AmountInTiyin, string UserId, string CardId, string ExternalId);

    /// <summary>An A2C transaction: <c>status</c> "0" (with <c>statusText</c> SUCCESS) is paid; the doc names no other value.</summary>
    public sealed record PayoutTransaction(JsonElement? TransactionId, JsonElement? Status, string? StatusText);

    /// <summary>
    /// An A2C status, read defensively (only "0" is documented): 0 or SUCCESS is paid; a known failure word is failed;
    /// anything else is pending, to be asked again.
    /// </summary>
    public static PayoutState StateOfPayout(PayoutTransaction transaction) =>
        (IdText(transaction.Status), transaction.StatusText?.ToUpperInvariant()) switch
        {
            ("0", _) or (_, "SUCCESS") => PayoutState.Succeeded,
            (_, "FAILED" or "ERROR" or "CANCELLED" or "CANCELED" or "REJECTED" or "DECLINED") => PayoutState.Failed,
            _ => PayoutState.Pending,
        };

    public sealed record CreateUserCard(string UserId, string CardNumber, string ExpireDate);

    public sealed record CardCreated(string? Cid, string? OtpSentPhone);

    public sealed record ConfirmUserCard(string CardId, string Otp);

    public sealed record CardConfirmed(Card? Card);

    public sealed record StartHostedBinding(string UserId, string ExternalId, long AmountInTiyin, string ReturnUrl);

    public sealed record HostedSession(string? SessionId, string? RedirectUrl);

    public sealed record HostedBinding(string? Status, Card? Card, string? TransactionId, string? FailureReason);

    /// <summary>A card as Paylov describes it: <c>number</c> is masked (<c>860000******9999</c>), <c>expireDate</c> YYMM.</summary>
    public sealed record Card(string? CardId, string? Number, string? ExpireDate, string? Processing, string? Vendor);

    /// <summary>
    /// Paylov refuses a receipt whose lines do not add up to the payment, a zero price, or a line without the seller's
    /// STIR; this says so before calling, in our words (a configuration or code error, not an outcome to retry).
    /// </summary>
    public static void EnsureFiscallyValid(ReceiptRequest request)
    {
        if (request.Items.Count == 0 || request.Items.Sum(i => i.PriceTiyin * i.Quantity) != request.AmountTiyin)
            throw new ArgumentException("The receipt lines must add up to the amount paid.", nameof(request));
        if (request.Items.Any(i => i.PriceTiyin <= 0 || i.Quantity <= 0 || i.SellerTin.Length != 9 || !i.SellerTin.All(char.IsAsciiDigit)
                || i.MxikCode.Length != 17 || !i.MxikCode.All(char.IsAsciiDigit)))
            throw new ArgumentException("Every receipt line needs a positive price and quantity, a 17-digit MXIK code and the seller's 9-digit STIR.", nameof(request));
    }

    public static ReceiptItem ToWire(FiscalItem item) =>
        new(item.Title, item.PriceTiyin, item.Quantity, 0, item.MxikCode, item.PackageCode, item.VatPercent, item.SellerTin);

    /// <summary>
    /// What a decline's error code means for a payment. <c>transaction_already_payed</c> arrives as a 4xx after the money
    /// moved: it is a success. Every other code is a refusal that moved no money.
    /// </summary>
    public static PaylovTransactionState StateOfPaymentError(string? code) => code switch
    {
        "transaction_already_payed" => PaylovTransactionState.Succeeded,
        "insufficient_funds" => PaylovTransactionState.InsufficientFunds,
        "card_expired" => PaylovTransactionState.ExpiredCard,
        "transaction_not_found" => PaylovTransactionState.NotFound,
        _ => PaylovTransactionState.Declined,
    };

    /// <summary>
    /// <c>getTransactions</c>' answer is not documented, so it is read defensively: a transaction object (or the first of a
    /// list) with a <c>status</c> or <c>state</c>. Only a status that clearly says paid or cancelled is taken; anything
    /// else is <see cref="PaylovTransactionState.Pending"/>, which the caller settles by paying the stored id again
    /// (safe: an already paid transaction answers <c>transaction_already_payed</c>).
    /// </summary>
    public static PaylovTransactionState StateOfTransaction(JsonElement result)
    {
        var transaction = result.ValueKind == JsonValueKind.Array ? result.EnumerateArray().FirstOrDefault() : result;
        if (transaction.ValueKind != JsonValueKind.Object)
            return PaylovTransactionState.Pending;
        foreach (var name in (string[])["status", "state"])
        {
            if (!transaction.TryGetProperty(name, out var value))
                continue;
            var status = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
            return status?.ToLowerInvariant() switch
            {
                "paid" or "payed" or "success" or "succeeded" or "completed" or "confirmed" => PaylovTransactionState.Succeeded,
                "cancelled" or "canceled" or "refunded" or "reversed" => PaylovTransactionState.Refunded,
                _ => PaylovTransactionState.Pending,
            };
        }

        return PaylovTransactionState.Pending;
    }

    public static CardType? ParseCardType(string? processing, string? maskedNumber) => processing?.ToLowerInvariant() switch
    {
        "uzcard" => CardType.UzCard,
        "humo" => CardType.Humo,
        "visa" => CardType.Visa,
        _ => maskedNumber switch
        {
            ['8', '6', '0', '0', ..] => CardType.UzCard,
            ['9', '8', '6', '0', ..] => CardType.Humo,
            ['4', ..] => CardType.Visa,
            _ => null,
        },
    };

    public static string IdText(JsonElement? id) => id switch
    {
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        { ValueKind: JsonValueKind.String } text => text.GetString() ?? string.Empty,
        _ => string.Empty,
    };

    public static string Query(string path, string name, string value) =>
        $"{path}?{name}={Uri.EscapeDataString(value)}";

    public static decimal ToSum(long tiyin) => decimal.Divide(tiyin, 100m);
}
