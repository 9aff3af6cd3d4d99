using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using VirtuOps.Application.Billing.Payments;
using static VirtuOps.Infrastructure.Paylov.PaylovWire;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// <see cref="IPaylovClient"/> over Paylov's documented merchant API (PaylovWireFormat.md). The HttpClient arrives with
/// the base address, the bearer token (<see cref="PaylovAuthenticationHandler"/>) and the resilience pipeline
/// (per-attempt timeout, retries) from <see cref="PaylovServiceCollectionExtensions.AddPaylov"/>.
/// </summary>
/// <remarks>
/// Paylov puts card ids in some URLs (card removal), so no request URL is logged: the HttpClient's loggers are off,
/// and exception messages and logs carry the operation, the HTTP status, Paylov's error code and our own ids only,
/// never a body, card id, token or key.
/// </remarks>
internal sealed class PaylovClient(HttpClient httpClient, ILogger<PaylovClient> logger) : IPaylovClient, IPaylovCardBinding, IPaylovPayouts
{
    public async Task<bool> PinflMatchesAsync(string cardId, string pinfl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardId);
        ArgumentException.ThrowIfNullOrWhiteSpace(pinfl);

        // The PINFL is personal data: it travels in this body only, and no message below holds it.
        const string operation = "check a PINFL";
        var answer = await SendAsync(HttpMethod.Post, CheckPinflPath, operation, new CheckPinfl(cardId, pinfl), cancellationToken);
        if (answer.Error is { Code: "pinfl_not_match" })
            return false;
        var match = ResultOf<PinflMatch>(answer, operation).Match
            ?? throw new PaylovUnavailableException("Paylov answered the PINFL check without a match; the outcome is unknown.");
        logger.LogInformation("Paylov PINFL check: {Match}", match ? "match" : "no match");
        return match;
    }

    public async Task<PayoutResult> PayOutAsync(PayoutToCard payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentException.ThrowIfNullOrWhiteSpace(payout.ExternalId);

        const string operation = "pay out to a card";
        var answer = await SendAsync(HttpMethod.Post, PayoutPath, operation,
            new PerformPayout(payout.AmountTiyin, payout.PaylovUserId, payout.CardId, payout.ExternalId), cancellationToken, retry: false);
        var result = answer.Error is { } error
            ? new PayoutResult(PayoutState.Failed, null, error.Code)
            : ToPayoutResult(ResultOf<PayoutTransaction>(answer, operation));
        logger.LogInformation("Paylov payout {ExternalId}: {State} ({ErrorCode})", payout.ExternalId, result.State, result.ErrorCode);
        return result;
    }

    public async Task<PayoutResult> GetPayoutAsync(string externalId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);

        const string operation = "read a payout";
        var answer = await SendAsync(HttpMethod.Get, $"{PayoutByExternalIdPath}{Uri.EscapeDataString(externalId)}/", operation, null, cancellationToken);
        if (answer.Error is { Code: "transaction_not_found" })
            return new PayoutResult(PayoutState.NotFound, null, answer.Error.Code);
        return ToPayoutResult(ResultOf<PayoutTransaction>(answer, operation));
    }

    private static PayoutResult ToPayoutResult(PayoutTransaction transaction) =>
        new(StateOfPayout(transaction), IdText(transaction.TransactionId) is { Length: > 0 } id ? id : null, null);

    public async Task<CardOtpSent> StartAsync(string paylovUserId, CardDetails card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        CardNumbers.EnsureAcceptable(card);

        // The number travels in this one body and nowhere else: no logger sees the body, and no message below holds it.
        const string operation = "bind a card";
        var answer = await SendAsync(HttpMethod.Post, CreateUserCardPath, operation, new CreateUserCard(paylovUserId, card.Number, card.ExpiryYyMm), cancellationToken);
        var created = ResultOf<CardCreated>(answer, operation);
        if (string.IsNullOrEmpty(created.Cid))
            throw new PaylovException("Paylov accepted a card without a binding id.");
        return new CardOtpSent(created.Cid, created.OtpSentPhone ?? string.Empty);
    }

    public async Task<BoundCard> ConfirmAsync(string bindingId, string otp, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bindingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(otp);

        const string operation = "confirm a card";
        var answer = await SendAsync(HttpMethod.Post, ConfirmUserCardPath, operation, new ConfirmUserCard(bindingId, otp), cancellationToken);
        var card = ToBoundCard(ResultOf<CardConfirmed>(answer, operation).Card);
        logger.LogInformation("Paylov card {MaskedPan} bound", card.MaskedPan);
        return card;
    }

    public async Task<CardBindingSession> StartCardBindingAsync(string externalId, string paylovUserId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(returnUrl);

        const string operation = "start a hosted card binding";
        var answer = await SendAsync(HttpMethod.Post, HostedBindingPath, operation, new StartHostedBinding(paylovUserId, externalId, amountTiyin, returnUrl.AbsoluteUri), cancellationToken);
        var session = ResultOf<HostedSession>(answer, operation);
        if (string.IsNullOrEmpty(session.SessionId) || !Uri.TryCreate(session.RedirectUrl, UriKind.Absolute, out var redirectUrl))
            throw new PaylovException("Paylov started a card binding without a session id or redirect URL.");

        logger.LogInformation("Paylov card binding {SessionId} started for {ExternalId}", session.SessionId, externalId);
        return new CardBindingSession(session.SessionId, redirectUrl);
    }

    public async Task<CardBindingResult> GetCardBindingAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);

        const string operation = "read a hosted card binding";
        var answer = await SendAsync(HttpMethod.Get, $"{HostedBindingPath}{Uri.EscapeDataString(sessionId)}/", operation, null, cancellationToken);
        var binding = ResultOf<HostedBinding>(answer, operation);
        var status = binding.Status switch
        {
            "pending" => CardBindingStatus.Pending,
            "confirmed" => CardBindingStatus.Confirmed,
            "failed" => CardBindingStatus.Failed,
            _ => throw new PaylovException("Paylov answered a card binding with an unknown status."),
        };
        if (status != CardBindingStatus.Confirmed)
            return new CardBindingResult(status, null, binding.TransactionId, binding.FailureReason);
        return new CardBindingResult(status, ToBoundCard(binding.Card), binding.TransactionId, null);
    }

    public async Task<string> CreateChargeAsync(NewCharge request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OrderKey);

        const string operation = "create a receipt to pay";
        var answer = await SendAsync(HttpMethod.Post, CreateReceiptPath, operation,
            new CreateReceipt(request.PaylovUserId, ToSum(request.AmountTiyin), new Account(request.OrderKey)), cancellationToken);
        var transactionId = ResultOf<Transaction>(answer, operation).TransactionId;
        if (string.IsNullOrEmpty(transactionId))
            throw new PaylovException("Paylov created a receipt without a transaction id.");

        logger.LogInformation("Paylov receipt {TransactionId} created for charge {OrderKey}", transactionId, request.OrderKey);
        return transactionId;
    }

    public async Task<ChargeResult> PayAsync(PayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TransactionId);

        var answer = await SendAsync(HttpMethod.Post, PayReceiptPath, "pay a receipt",
            new PayReceipt(request.TransactionId, request.CardId, request.PaylovUserId), cancellationToken);
        var result = answer.Error is { } error
            ? new ChargeResult(StateOfPaymentError(error.Code), request.TransactionId, error.Code)
            : new ChargeResult(PaylovTransactionState.Succeeded, request.TransactionId, null);
        logger.LogInformation("Paylov payment of {TransactionId}: {State} ({ErrorCode})", request.TransactionId, result.State, result.ErrorCode);
        return result;
    }

    public async Task<ChargeResult> GetTransactionAsync(string transactionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);

        var answer = await SendAsync(HttpMethod.Get, Query(TransactionsPath, "transactionId", transactionId), "read a transaction", null, cancellationToken);
        if (answer.Error is { Code: "transaction_not_found" })
            return new ChargeResult(PaylovTransactionState.NotFound, transactionId, answer.Error.Code);
        if (answer.Error is { } error)
            throw Refused("read a transaction", error);
        return new ChargeResult(StateOfTransaction(answer.Result), transactionId, null);
    }

    public async Task RefundAsync(string transactionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionId);

        var answer = await SendAsync(HttpMethod.Post, CancelPaymentPath, "refund a payment", new CancelPayment(transactionId), cancellationToken);
        if (answer.Error is { } error)
            throw Refused("refund a payment", error);
        logger.LogInformation("Paylov refunded {TransactionId}", transactionId);
    }

    public async Task RemoveCardAsync(string cardId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardId);

        // Paylov wants the card id in the query string; that URL is never logged (see the remarks above).
        var answer = await SendAsync(HttpMethod.Delete, Query(DeleteCardPath, "userCardId", cardId), "remove a card", null, cancellationToken);
        // A card Paylov no longer knows is as removed as it gets: removing is idempotent.
        if (answer.Error is { } error && error.Code != "card_not_found")
            throw Refused("remove a card", error);
        logger.LogInformation("Paylov card removed ({Code})", answer.Error?.Code ?? "ok");
    }

    public async Task<FiscalReceipt> RegisterReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TransactionId);
        EnsureFiscallyValid(request);

        const string operation = "register a fiscal receipt";
        var answer = await SendAsync(HttpMethod.Post, RegisterReceiptPath, operation,
            new RegisterReceipt(request.TransactionId, [.. request.Items.Select(ToWire)], ReceiptType: 0), cancellationToken);
        Ofd? ofd;
        if (answer.Error is { Code: "ofd_check_already_generated" })
        {
            // A repeat (our save of the first answer was lost): read the receipt already registered.
            var status = await SendAsync(HttpMethod.Get, Query(ReceiptStatusPath, "transactionId", request.TransactionId), "read a fiscal receipt", null, cancellationToken);
            ofd = ResultOf<Ofd>(status, "read a fiscal receipt");
        }
        else
        {
            ofd = ResultOf<Registered>(answer, operation).Ofd;
        }

        var receiptId = IdText(ofd?.ReceiptId);
        if (receiptId.Length == 0 || string.IsNullOrEmpty(ofd!.FiscalSign) || !Uri.TryCreate(ofd.ReceiptUrl, UriKind.Absolute, out var url))
            throw new PaylovException("Paylov registered a receipt without an id, fiscal sign or URL.");

        logger.LogInformation("Paylov fiscal receipt {ReceiptId} registered for transaction {TransactionId}", receiptId, request.TransactionId);
        return new FiscalReceipt(receiptId, ofd.FiscalSign, url);
    }

    /// <summary>The envelope's halves: a failure's <c>error</c>, or the <c>result</c> (a flat answer is its own result).</summary>
    internal static (JsonElement Result, Error? Error) Unwrap(JsonElement answer)
    {
        if (answer.ValueKind != JsonValueKind.Object)
            return (answer, null);
        if (answer.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            return (default, error.Deserialize<Error>(Json) ?? new Error(null, null));
        if (answer.TryGetProperty("result", out var result))
            return (result, null);
        return (answer, null);
    }

    private static BoundCard ToBoundCard(Card? card)
    {
        if (card is null || string.IsNullOrEmpty(card.CardId) || string.IsNullOrEmpty(card.Number) || string.IsNullOrEmpty(card.ExpireDate)
            || ParseCardType(card.Processing ?? card.Vendor, card.Number) is not { } cardType)
            throw new PaylovException("Paylov confirmed a card without a complete description.");
        return new BoundCard(card.CardId, card.Number, cardType, card.ExpireDate);
    }

    private static T ResultOf<T>(Answer answer, string operation)
    {
        if (answer.Error is { } error)
            throw Refused(operation, error);
        try
        {
            return answer.Result.Deserialize<T>(Json)
                ?? throw new PaylovUnavailableException($"Paylov answered the request to {operation} with an empty result; the outcome is unknown.");
        }
        catch (JsonException ex)
        {
            // Paylov accepted the request but we cannot read what it did: as unknown as a timeout.
            throw new PaylovUnavailableException($"Paylov answered the request to {operation} with a result that is not the expected JSON; the outcome is unknown.", ex);
        }
    }

    // Paylov's message is not quoted: it may echo what we sent.
    private static PaylovException Refused(string operation, Error error) =>
        new($"Paylov refused to {operation} ({error.Code ?? "no code"}).", error.Code);

    private sealed record Answer(JsonElement Result, Error? Error);

    /// <summary>
    /// Sends one request; the resilience handler repeats it on a timeout, a connection failure or a 5xx (safe for every
    /// call but a payout, sent with <paramref name="retry"/> off: paying a transaction again answers
    /// <c>transaction_already_payed</c>, a repeated create moves no money).
    /// Classifies by Paylov's error code, never by the HTTP status alone: declines come as 4xx with an error code. No
    /// answer, a 5xx once the retries are spent, or a body we cannot read throws <see cref="PaylovUnavailableException"/>.
    /// </summary>
    private async Task<Answer> SendAsync(HttpMethod method, string path, string operation, object? body, CancellationToken cancellationToken, bool retry = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (!retry)
            request.Options.Set(NoRetry, true);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            logger.LogWarning("Paylov did not answer the request to {Operation} ({Failure})", operation, ex.GetType().Name);
            throw new PaylovUnavailableException($"Paylov could not be reached or did not answer in time to {operation}; the outcome is unknown.", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                logger.LogWarning("Paylov kept failing to {Operation} with HTTP {Status}", operation, status);
                throw new PaylovUnavailableException($"Paylov failed to {operation} with HTTP {status} after the retries; the outcome is unknown.");
            }

            if (status == 401)
                throw new PaylovException($"Paylov refused our credentials to {operation} (HTTP 401).", "unauthorized");

            JsonElement json;
            try
            {
                json = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            }
            catch (JsonException ex)
            {
                if (!response.IsSuccessStatusCode)
                    throw new PaylovException($"Paylov refused to {operation}: HTTP {status}.", ex);
                throw new PaylovUnavailableException($"Paylov answered the request to {operation} with a body that is not JSON; the outcome is unknown.", ex);
            }

            var (result, error) = Unwrap(json);
            if (error is null && !response.IsSuccessStatusCode)
                throw new PaylovException($"Paylov refused to {operation}: HTTP {status}.");
            return new Answer(result, error);
        }
    }

    /// <summary>A failed connection, a timeout or a Polly rejection, as opposed to the caller cancelling.</summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
