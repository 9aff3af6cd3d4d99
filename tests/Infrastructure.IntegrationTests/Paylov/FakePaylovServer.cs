using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Infrastructure.IntegrationTests.Paylov;

/// <summary>One request the fake received, whatever it answered.</summary>
internal sealed record PaylovRequest(string Method, string Path, string? MerchantId, string? ApiKey, string? IdempotencyKey, JsonObject? Body);

/// <summary>A charge the fake decided (money moved, or the bank said no): at most one per idempotency key.</summary>
internal sealed record FakeCharge(string IdempotencyKey, string TransactionId, string CardToken, long Amount, string State, JsonObject Body);

/// <summary>
/// A local stand-in for Paylov on 127.0.0.1 (a free port) speaking the wire format of
/// <c>Infrastructure/Paylov/PaylovWireFormat.md</c>. It is written against the JSON, not the adapter's DTOs, so a
/// drift in either shows up as a failing test. The outcome of a charge is chosen by the card token
/// (<see cref="SuccessCard"/>, <see cref="DeclinedCard"/>, ...); tests can add latency, hold answers, fail the next
/// payment requests with a 5xx, confirm or fail card bindings, and make callback credentials.
/// </summary>
internal sealed class FakePaylovServer : IAsyncDisposable
{
    public const string MerchantId = "merchant-7701";
    public const string ApiKey = "pk_test_Api-Key-Never-Logged-31";
    public const string CallbackUserName = "paylov-callbacks";
    public const string CallbackPassword = "cbpw_Callback-Password-Never-Logged-59";
    public const string OtpCode = "123456";

    public const string SuccessCard = "tok_card_success_5f1c0a";
    public const string DeclinedCard = "tok_card_declined_77ab";
    public const string InsufficientFundsCard = "tok_card_nofunds_91cd";
    public const string ExpiredCard = "tok_card_expired_03ef";
    public const string NeedsActionCard = "tok_card_3ds_5521";

    private static readonly Dictionary<string, (string State, string? Code, string? Message)> Outcomes = new()
    {
        [SuccessCard] = ("success", null, null),
        [DeclinedCard] = ("declined", "05", "Do not honour"),
        [InsufficientFundsCard] = ("insufficient_funds", "51", "Insufficient funds"),
        [ExpiredCard] = ("expired_card", "54", "Expired card"),
        [NeedsActionCard] = ("needs_action", "3ds_required", "Confirm the payment"),
    };

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<PaylovRequest> _requests = new();
    private readonly Dictionary<string, FakeCharge> _charges = [];
    private readonly Dictionary<string, JsonObject> _answers = [];
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<string, JsonObject> _receipts = [];
    private readonly HashSet<string> _boundCards = [];
    private readonly ConcurrentQueue<string> _removedCards = new();
    private readonly ArrivalCounter _payments = new("payment requests");
    private int _paymentFailuresLeft;
    private int _paymentFailureStatus;
    private int _ids;
    private TaskCompletionSource? _hold;

    private FakePaylovServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<PaylovRequest> Requests => [.. _requests];

    public IReadOnlyList<PaylovRequest> PaymentAttempts => [.. _requests.Where(r => r is { Method: "POST", Path: "/v1/payments" })];

    /// <summary>What the fake charged or had declined, one per idempotency key: each success here is money moved.</summary>
    public IReadOnlyList<FakeCharge> Charges
    {
        get
        {
            lock (_lock)
                return [.. _charges.Values];
        }
    }

    public IReadOnlyList<string> RemovedCards => [.. _removedCards];

    /// <summary>Completes once <paramref name="count"/> payment requests arrived in all (whatever they were answered).</summary>
    public Task WaitForPaymentAttemptsAsync(int count, TimeSpan timeout) => _payments.WaitForAsync(count, timeout);

    /// <summary>How long every API answer is delayed.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The next <paramref name="count"/> payment requests fail with <paramref name="status"/> before charging anything.</summary>
    public void FailNextPayments(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        _paymentFailureStatus = (int)status;
        Interlocked.Exchange(ref _paymentFailuresLeft, count);
    }

    /// <summary>
    /// From now on a payment is charged but its answer is held until <see cref="ReleaseHeldAnswers"/>: the "charged,
    /// but the answer was lost" case a client timeout produces.
    /// </summary>
    public void HoldPaymentAnswers() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHeldAnswers() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    /// <summary>
    /// A card as if its holder had already completed the hosted page: returns a token the fake charges successfully.
    /// For load scripts that need many bound cards without a binding round trip each.
    /// </summary>
    public string BindCard()
    {
        var token = $"tok_bound_{NextId()}";
        lock (_lock)
            _boundCards.Add(token);
        return token;
    }

    /// <summary>The card holder typed an SMS code on the hosted page; three wrong codes fail the binding.</summary>
    public void EnterOtp(string sessionId, string code)
    {
        lock (_lock)
        {
            var session = _sessions[sessionId];
            if (session.Status != "pending")
                return;
            if (code == OtpCode)
                Confirm(session);
            else if (++session.OtpFailures >= 3)
                Fail(session, "otp_failed");
        }
    }

    /// <summary>The hosted page failed the binding (e.g. the first payment was declined).</summary>
    public void FailBinding(string sessionId, string reason)
    {
        lock (_lock)
            Fail(_sessions[sessionId], reason);
    }

    /// <summary>The <c>Authorization</c> header Paylov sends with its callbacks (HTTP Basic).</summary>
    public static string CallbackAuthorization(string userName = CallbackUserName, string password = CallbackPassword) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));

    public static async Task<FakePaylovServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakePaylovServer(app);
        app.Use(server.RecordAndAuthenticateAsync);
        app.MapPost("/v1/cards/bind", server.StartBinding);
        app.MapGet("/v1/cards/bind/{sessionId}", server.GetBinding);
        // Cast, so the returned IResult is written rather than discarded as by a RequestDelegate.
        app.MapPost("/v1/payments", (Delegate)server.PayAsync);
        app.MapGet("/v1/payments/by-external-id/{key}", server.GetPayment);
        app.MapPost("/v1/cards/remove", server.RemoveCard);
        app.MapPost("/v1/receipts", server.CreateReceipt);

        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeldAnswers();
        await _app.DisposeAsync();
    }

    private async Task RecordAndAuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        JsonObject? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        context.Items["body"] = body;
        var header = (string name) => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
        var recorded = new PaylovRequest(request.Method, request.Path.Value ?? string.Empty, header("X-Merchant-Id"), header("X-Api-Key"), header("Idempotency-Key"), body);
        _requests.Enqueue(recorded);
        if (recorded is { Method: "POST", Path: "/v1/payments" })
            _payments.Arrived();

        if (header("X-Merchant-Id") != MerchantId || header("X-Api-Key") != ApiKey)
        {
            await Results.Json(new { error_code = "unauthorized", error_message = "Bad merchant credentials" }, statusCode: 401).ExecuteAsync(context);
            return;
        }

        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, context.RequestAborted);
        await next(context);
    }

    private IResult StartBinding(HttpContext context)
    {
        var body = Body(context);
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        lock (_lock)
        {
            var session = _sessions.Values.FirstOrDefault(s => s.Key == key && key.Length > 0);
            if (session is null)
            {
                session = new Session($"bind_{NextId()}", key, (string)body["external_id"]!, (long)body["amount"]!);
                _sessions[session.Id] = session;
            }

            return Results.Json(new { session_id = session.Id, redirect_url = $"{BaseUrl}/hosted/{session.Id}" }, statusCode: 201);
        }
    }

    private IResult GetBinding(string sessionId)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var s))
                return Results.Json(new { error_code = "not_found" }, statusCode: 404);
            return Results.Json(new
            {
                session_id = s.Id,
                status = s.Status,
                card = s.CardToken is null ? null : new { token = s.CardToken, masked_pan = "860012******3456", card_type = "uzcard", expiry = "2907" },
                transaction_id = s.TransactionId,
                failure_reason = s.FailureReason,
            });
        }
    }

    private async Task<IResult> PayAsync(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
            return Results.Json(new { error_code = "idempotency_key_required" }, statusCode: 400);
        if (Interlocked.Decrement(ref _paymentFailuresLeft) >= 0)
            return Results.Json(new { error_code = "internal" }, statusCode: _paymentFailureStatus);

        var body = Body(context);
        JsonObject answer;
        lock (_lock)
        {
            // A repeated key gets the first answer and charges nothing.
            if (!_answers.TryGetValue(key, out answer!))
            {
                var token = (string)body["card_token"]!;
                var (state, code, message) = Outcomes.TryGetValue(token, out var outcome) ? outcome
                    : _boundCards.Contains(token) ? ("success", null, null)
                    : ("declined", "card_not_found", "Unknown card token");
                var transactionId = $"tx_{NextId()}";
                _charges[key] = new FakeCharge(key, transactionId, token, (long)body["amount"]!, state, body);
                answer = new JsonObject { ["transaction_id"] = transactionId, ["state"] = state, ["error_code"] = code, ["error_message"] = message };
                _answers[key] = answer;
            }
        }

        if (_hold is { } hold)
            await hold.Task.WaitAsync(context.RequestAborted);
        return Results.Json(answer);
    }

    private IResult GetPayment(string key)
    {
        lock (_lock)
            return _answers.TryGetValue(key, out var answer) ? Results.Json(answer) : Results.Json(new { error_code = "not_found" }, statusCode: 404);
    }

    private IResult RemoveCard(HttpContext context)
    {
        var token = (string?)Body(context)["card_token"];
        if (string.IsNullOrEmpty(token))
            return Results.Json(new { error_code = "card_token_required" }, statusCode: 400);
        lock (_lock)
        {
            var known = _boundCards.Remove(token) | Outcomes.ContainsKey(token);
            _removedCards.Enqueue(token);
            return known ? Results.NoContent() : Results.Json(new { error_code = "not_found" }, statusCode: 404);
        }
    }

    private IResult CreateReceipt(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var body = Body(context);
        var items = body["items"]!.AsArray();
        // The tax rules: a 17-digit MXIK code per line.
        if (items.Count == 0 || items.Any(i => ((string?)i!["mxik"])?.Length != 17))
            return Results.Json(new { error_code = "invalid_mxik" }, statusCode: 422);
        lock (_lock)
        {
            if (!_receipts.TryGetValue(key, out var receipt))
            {
                var id = $"rcpt_{NextId()}";
                receipt = new JsonObject { ["receipt_id"] = id, ["fiscal_sign"] = "310284756102", ["receipt_url"] = $"https://ofd.example.uz/check/{id}" };
                _receipts[key] = receipt;
            }

            return Results.Json(receipt);
        }
    }

    private void Confirm(Session session)
    {
        var token = $"tok_bound_{NextId()}";
        var transactionId = $"tx_{NextId()}";
        _boundCards.Add(token);
        _answers[session.ExternalId] = new JsonObject { ["transaction_id"] = transactionId, ["state"] = "success" };
        session.Status = "confirmed";
        session.CardToken = token;
        session.TransactionId = transactionId;
    }

    private static void Fail(Session session, string reason)
    {
        session.Status = "failed";
        session.FailureReason = reason;
    }

    private static JsonObject Body(HttpContext context) => context.Items["body"] as JsonObject ?? [];

    private string NextId() => Interlocked.Increment(ref _ids).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Session(string id, string key, string externalId, long amount)
    {
        public string Id { get; } = id;
        public string Key { get; } = key;
        public string ExternalId { get; } = externalId;
        public long Amount { get; } = amount;
        public string Status { get; set; } = "pending";
        public int OtpFailures { get; set; }
        public string? CardToken { get; set; }
        public string? TransactionId { get; set; }
        public string? FailureReason { get; set; }
    }
}
