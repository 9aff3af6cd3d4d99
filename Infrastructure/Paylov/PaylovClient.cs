using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using VirtuOps.Application.Billing.Payments;
using static VirtuOps.Infrastructure.Paylov.PaylovWire;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// <see cref="IPaylovClient"/> over Paylov's JSON REST API (the assumed contract is in PaylovWireFormat.md). The
/// HttpClient arrives with the base address, the merchant headers and the resilience pipeline (per-attempt timeout,
/// retries) from <see cref="PaylovServiceCollectionExtensions.AddPaylov"/>.
/// </summary>
/// <remarks>
/// Card tokens travel only in JSON bodies, never in a URL: the HttpClient logs every request URI. Exception
/// messages and logs carry the operation, the HTTP status and our own ids, never a body, token or key.
/// </remarks>
internal sealed class PaylovClient(HttpClient httpClient, ILogger<PaylovClient> logger) : IPaylovClient
{
    public async Task<CardBindingSession> StartCardBindingAsync(string externalId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(returnUrl);

        // The external id doubles as the idempotency key, so a retried start returns the same session.
        using var response = await SendAsync(HttpMethod.Post, "v1/cards/bind", "start a card binding",
            new BindRequest(externalId, amountTiyin, Currency, returnUrl.AbsoluteUri), externalId, cancellationToken);
        var session = await ReadAsync<BindSession>(response, "start a card binding", cancellationToken);
        if (string.IsNullOrEmpty(session.SessionId) || !Uri.TryCreate(session.RedirectUrl, UriKind.Absolute, out var redirectUrl))
            throw new PaylovException("Paylov started a card binding without a session id or redirect URL.");

        logger.LogInformation("Paylov card binding {SessionId} started for {ExternalId}", session.SessionId, externalId);
        return new CardBindingSession(session.SessionId, redirectUrl);
    }

    public async Task<CardBindingResult> GetCardBindingAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);

        using var response = await SendAsync(HttpMethod.Get, $"v1/cards/bind/{Uri.EscapeDataString(sessionId)}", "read a card binding", null, null, cancellationToken);
        var binding = await ReadAsync<BindStatus>(response, "read a card binding", cancellationToken);
        var status = ParseBindingStatus(binding.Status)
            ?? throw new PaylovException("Paylov answered a card binding with an unknown status.");
        if (status != CardBindingStatus.Confirmed)
            return new CardBindingResult(status, null, binding.TransactionId, binding.FailureReason);

        var card = binding.Card;
        if (card is null || string.IsNullOrEmpty(card.Token) || string.IsNullOrEmpty(card.MaskedPan) || string.IsNullOrEmpty(card.Expiry)
            || ParseCardType(card.CardType) is not { } cardType)
            throw new PaylovException("Paylov confirmed a card binding without a complete card.");
        return new CardBindingResult(status, new BoundCard(card.Token, card.MaskedPan, cardType, card.Expiry), binding.TransactionId, null);
    }

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);

        var body = new PaymentRequest(request.CardToken, request.AmountTiyin, Currency, request.IdempotencyKey, request.Description, ToWire(request.Item));
        using var response = await SendAsync(HttpMethod.Post, "v1/payments", "charge", body, request.IdempotencyKey, cancellationToken);
        var result = ToResult(await ReadAsync<Payment>(response, "charge", cancellationToken), request.IdempotencyKey);
        logger.LogInformation("Paylov charge {IdempotencyKey}: {State} (transaction {TransactionId}, error {ErrorCode})",
            request.IdempotencyKey, result.State, result.TransactionId, result.ErrorCode);
        return result;
    }

    public async Task<ChargeResult> GetTransactionAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);

        using var response = await SendAsync(HttpMethod.Get, $"v1/payments/by-external-id/{Uri.EscapeDataString(idempotencyKey)}",
            "read a transaction", null, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new ChargeResult(PaylovTransactionState.NotFound, null, null, null);
        return ToResult(await ReadAsync<Payment>(response, "read a transaction", cancellationToken), idempotencyKey);
    }

    public async Task RemoveCardAsync(string cardToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cardToken);

        // A POST with the token in the body rather than DELETE v1/cards/{token}: a path would put the token in the logs.
        using var response = await SendAsync(HttpMethod.Post, "v1/cards/remove", "remove a card", new RemoveCardRequest(cardToken), null, cancellationToken);
        // A card Paylov no longer knows is as removed as it gets: removing is idempotent.
        if (response.StatusCode != HttpStatusCode.NotFound)
            EnsureAccepted(response, "remove a card");
        logger.LogInformation("Paylov card removed (HTTP {Status})", (int)response.StatusCode);
    }

    public async Task<FiscalReceipt> CreateReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);

        var body = new CreateReceipt(request.TransactionId, request.CustomerEmail, [ToWire(request.Item)]);
        using var response = await SendAsync(HttpMethod.Post, "v1/receipts", "create a receipt", body, request.IdempotencyKey, cancellationToken);
        var receipt = await ReadAsync<Receipt>(response, "create a receipt", cancellationToken);
        if (string.IsNullOrEmpty(receipt.ReceiptId) || string.IsNullOrEmpty(receipt.FiscalSign) || !Uri.TryCreate(receipt.ReceiptUrl, UriKind.Absolute, out var url))
            throw new PaylovException("Paylov created a receipt without an id, fiscal sign or URL.");

        logger.LogInformation("Paylov receipt {ReceiptId} created for transaction {TransactionId}", receipt.ReceiptId, request.TransactionId);
        return new FiscalReceipt(receipt.ReceiptId, receipt.FiscalSign, url);
    }

    private ChargeResult ToResult(Payment payment, string idempotencyKey)
    {
        if (ParseState(payment.State) is { } state)
            return new ChargeResult(state, payment.TransactionId, payment.ErrorCode, payment.ErrorMessage);

        // A state we do not know may still have moved money: report it as pending so the caller reconciles later,
        // rather than as a failure it might answer by charging again.
        logger.LogWarning("Paylov answered transaction {IdempotencyKey} with an unknown state; treating it as pending", idempotencyKey);
        return new ChargeResult(PaylovTransactionState.Pending, payment.TransactionId, payment.ErrorCode, payment.ErrorMessage);
    }

    /// <summary>
    /// Sends one request; the resilience handler repeats it on a timeout, a connection failure or a 5xx. Repeating a
    /// charge is safe only because every attempt carries the same <c>Idempotency-Key</c> (the message's headers
    /// travel with each attempt), so Paylov answers a repeat with the first attempt's result instead of charging
    /// again. A 2xx/4xx, or a 5xx once the retries are spent, comes back; anything without an answer throws
    /// <see cref="PaylovUnavailableException"/>.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string operation, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        if (idempotencyKey is not null)
            request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);

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

        if ((int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            logger.LogWarning("Paylov kept failing to {Operation} with HTTP {Status}", operation, status);
            throw new PaylovUnavailableException($"Paylov failed to {operation} with HTTP {status} after the retries; the outcome is unknown.");
        }

        return response;
    }

    private static void EnsureAccepted(HttpResponseMessage response, string operation)
    {
        // Paylov's body is not quoted: it may echo what we sent.
        if (!response.IsSuccessStatusCode)
            throw new PaylovException($"Paylov refused to {operation}: HTTP {(int)response.StatusCode}.");
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken) where T : class
    {
        EnsureAccepted(response, operation);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new PaylovUnavailableException($"Paylov answered the request to {operation} with an empty body; the outcome is unknown.");
        }
        catch (JsonException ex)
        {
            // Paylov accepted the request but we cannot read what it did: as unknown as a timeout.
            throw new PaylovUnavailableException($"Paylov answered the request to {operation} with a body that is not the expected JSON; the outcome is unknown.", ex);
        }
    }

    /// <summary>A failed connection, a timeout or a Polly rejection, as opposed to the caller cancelling.</summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
