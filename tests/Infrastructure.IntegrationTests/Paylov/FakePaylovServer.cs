using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
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

/// <summary>One request the fake received, whatever it answered (the path without its query string).</summary>
internal sealed record PaylovRequest(string Method, string Path, string Query, string? Authorization, JsonObject? Body);

/// <summary>A transaction paid at the fake: money moved. At most one per transaction id.</summary>
internal sealed record FakeCharge(string TransactionId, string OrderKey, string CardId, string UserId, long AmountTiyin);

/// <summary>A payout (A2C) made at the fake: money sent to a card. Every performTransaction pays, even a repeated external id.</summary>
internal sealed record FakePayout(string TransactionId, string ExternalId, string CardId, string UserId, long AmountTiyin);

/// <summary>
/// A local stand-in for Paylov on 127.0.0.1 (a free port) speaking its documented merchant API (see
/// <c>Infrastructure/Paylov/PaylovWireFormat.md</c>): OAuth2 tokens, <c>/merchant/.../</c> paths, camelCase bodies
/// (snake_case OFD items), the <c>{result, error}</c> envelope with declines as error codes, charges as receipts/create
/// (amount in SUM) then receipts/pay. It is written against the JSON, not the adapter's DTOs, so a drift in either
/// shows up as a failing test. A payment's outcome is chosen by the card id (<see cref="SuccessCard"/>,
/// <see cref="BlockedCard"/>, ...); tests can add latency, hold answers, fail the next payments with a 5xx, revoke
/// tokens, and complete the (assumed) hosted card binding.
/// </summary>
internal sealed class FakePaylovServer : IAsyncDisposable
{
    public const string ConsumerKey = "ck_test_7701";
    public const string ConsumerSecret = "cs_Consumer-Secret-Never-Logged-31";
    public const string UserName = "virtuops-merchant";
    public const string Password = "pw_Merchant-Password-Never-Logged-47";
    public const string CallbackUserName = "paylov-callbacks";
    public const string CallbackPassword = "cbpw_Callback-Password-Never-Logged-59";
    public const string OtpCode = "123456";

    /// <summary>The PINFL of every card's holder at the fake: checkPinflMatch answers true for it only.</summary>
    public const string HolderPinfl = "31505900123456";

    /// <summary>Card numbers for createUserCard (Luhn-valid): the blocked one and the one without SMS banking are refused.</summary>
    public const string CardNumberThatBinds = "8600000000000007";
    public const string BlockedCardNumber = "8600000000000015";
    public const string SmsNotActiveCardNumber = "8600000000000023";

    /// <summary>Binds (with the SMS code), then every payment from it is declined with <c>insufficient_funds</c>.</summary>
    public const string NoFundsCardNumber = "8600000000000049";

    public const string SuccessCard = "card_success_5f1c0a";
    public const string BlockedCard = "card_blocked_77ab";
    public const string InsufficientFundsCard = "card_nofunds_91cd";
    public const string ExpiredCard = "card_expired_03ef";
    public const string SmsNotActiveCard = "card_nosms_5521";

    /// <summary>The error code each test card's payment is declined with (null: it pays).</summary>
    private static readonly Dictionary<string, string?> Outcomes = new()
    {
        [SuccessCard] = null,
        [BlockedCard] = "card_is_blocked",
        [InsufficientFundsCard] = "insufficient_funds",
        [ExpiredCard] = "card_expired",
        [SmsNotActiveCard] = "sms_not_active",
    };

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<PaylovRequest> _requests = new();
    private readonly Dictionary<string, Transaction> _transactions = [];
    private readonly List<FakeCharge> _charges = [];
    private readonly List<FakePayout> _payouts = [];
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<string, JsonObject> _receipts = [];
    private readonly Dictionary<string, string> _boundCards = []; // card id → user id
    private readonly Dictionary<string, PendingCard> _pendingCards = [];
    private readonly HashSet<string> _accessTokens = [];
    private readonly HashSet<string> _refreshTokens = [];
    private readonly ConcurrentQueue<string> _removedCards = new();
    private readonly ArrivalCounter _payments = new("payment requests");
    private int _paymentFailuresLeft;
    private int _paymentFailureStatus;
    private int _ids;
    private TaskCompletionSource? _hold;

    private FakePaylovServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<PaylovRequest> Requests => [.. _requests];

    public IReadOnlyList<PaylovRequest> PaymentAttempts => [.. _requests.Where(r => r is { Method: "POST", Path: "/merchant/receipts/pay/" })];

    public IReadOnlyList<PaylovRequest> Creates => [.. _requests.Where(r => r is { Method: "POST", Path: "/merchant/receipts/create/" })];

    public IReadOnlyList<PaylovRequest> TokenRequests => [.. _requests.Where(r => r.Path == "/merchant/oauth2/token/")];

    /// <summary>Every transaction paid at the fake: each one is money moved.</summary>
    public IReadOnlyList<FakeCharge> Charges
    {
        get
        {
            lock (_lock)
                return [.. _charges];
        }
    }

    public IReadOnlyList<string> RemovedCards => [.. _removedCards];

    /// <summary>Every payout sent at the fake: each one is money moved.</summary>
    public IReadOnlyList<FakePayout> Payouts
    {
        get
        {
            lock (_lock)
                return [.. _payouts];
        }
    }

    /// <summary>Seconds an access token lives (Paylov: 3600).</summary>
    public int AccessTokenLifetime { get; set; } = 3600;

    /// <summary>Completes once <paramref name="count"/> payment requests arrived in all (whatever they were answered).</summary>
    public Task WaitForPaymentAttemptsAsync(int count, TimeSpan timeout) => _payments.WaitForAsync(count, timeout);

    /// <summary>How long every API answer is delayed.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The next <paramref name="count"/> payment requests fail with <paramref name="status"/> before paying anything.</summary>
    public void FailNextPayments(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        _paymentFailureStatus = (int)status;
        Interlocked.Exchange(ref _paymentFailuresLeft, count);
    }

    /// <summary>
    /// From now on a payment is made but its answer is held until <see cref="ReleaseHeldAnswers"/>: the "charged,
    /// but the answer was lost" case a client timeout produces.
    /// </summary>
    public void HoldPaymentAnswers() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseHeldAnswers() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    /// <summary>Paylov forgets every access token it issued (refresh tokens still work): the next call gets a 401.</summary>
    public void RevokeAccessTokens()
    {
        lock (_lock)
            _accessTokens.Clear();
    }

    /// <summary>Every SMS code sent so far has expired.</summary>
    public void ExpireOtps()
    {
        lock (_lock)
        {
            foreach (var pending in _pendingCards.Values)
                pending.Expired = true;
        }
    }

    /// <summary>A card bound for <paramref name="userId"/> as if its holder had confirmed it: the fake pays from it.</summary>
    public string BindCard(string userId)
    {
        var cardId = $"card_bound_{NextId()}";
        lock (_lock)
            _boundCards[cardId] = userId;
        return cardId;
    }

    /// <summary>A transaction created at the fake (as receipts/create would): for tests that start from one.</summary>
    public string CreateTransaction(long amountTiyin, string orderKey = "test")
    {
        lock (_lock)
        {
            var id = NextId();
            _transactions[id] = new Transaction(id, amountTiyin, orderKey);
            return id;
        }
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
                Fail(session, "too_many_attempts");
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
        app.MapPost("/merchant/oauth2/token/", server.IssueToken);
        app.MapPost("/merchant/userCard/createUserCard/", server.CreateUserCard);
        app.MapPost("/merchant/userCard/confirmUserCardCreate/", server.ConfirmUserCard);
        app.MapPost("/merchant/userCard/hostedBinding/", server.StartBinding);
        app.MapGet("/merchant/userCard/hostedBinding/{sessionId}/", server.GetBinding);
        app.MapPost("/merchant/receipts/create/", server.CreateReceipt);
        // Cast, so the returned IResult is written rather than discarded as by a RequestDelegate.
        app.MapPost("/merchant/receipts/pay/", (Delegate)server.PayAsync);
        app.MapGet("/merchant/getTransactions/", server.GetTransaction);
        app.MapPost("/merchant/payment/cancel/", server.Cancel);
        app.MapDelete("/merchant/userCard/deleteUserCard/", server.DeleteCard);
        app.MapPost("/merchant/fiscalization/register/", server.RegisterReceipt);
        app.MapGet("/merchant/fiscalization/status/", server.ReceiptStatus);
        app.MapPost("/merchant/userCard/checkPinflMatch/", server.CheckPinfl);
        app.MapPost("/merchant/a2c/performTransaction/", server.PerformPayout);
        app.MapGet("/merchant/a2c/checkTransaction/byExternalId/{externalId}/", server.PayoutByExternalId);

        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeldAnswers();
        await _app.DisposeAsync();
    }

    private static IResult Ok(JsonNode? result) => Results.Json(new JsonObject { ["result"] = result, ["error"] = null });

    private static IResult Error(string code, int status = 400, string? data = null) =>
        Results.Json(new JsonObject { ["result"] = null, ["error"] = new JsonObject { ["code"] = code, ["message"] = $"Fake Paylov: {code}", ["data"] = data } }, statusCode: status);

    private async Task RecordAndAuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        JsonObject? body = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
            body = await JsonNode.ParseAsync(request.Body) as JsonObject;
        context.Items["body"] = body;
        var authorization = request.Headers.Authorization.ToString();
        var recorded = new PaylovRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, authorization, body);
        _requests.Enqueue(recorded);
        if (recorded is { Method: "POST", Path: "/merchant/receipts/pay/" })
            _payments.Arrived();

        if (recorded.Path != "/merchant/oauth2/token/")
        {
            bool known;
            lock (_lock)
                known = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _accessTokens.Contains(authorization["Bearer ".Length..]);
            if (!known)
            {
                await Results.Json(new { detail = "Authentication credentials were not provided or are invalid." }, statusCode: 401).ExecuteAsync(context);
                return;
            }
        }

        if (Latency > TimeSpan.Zero)
            await Task.Delay(Latency, context.RequestAborted);
        await next(context);
    }

    private IResult IssueToken(HttpContext context)
    {
        var body = Body(context);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ConsumerKey}:{ConsumerSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        lock (_lock)
        {
            var valid = (string?)body["grant_type"] switch
            {
                "password" => (string?)body["username"] == UserName && (string?)body["password"] == Password,
                "refresh_token" => _refreshTokens.Remove((string?)body["refresh_token"] ?? string.Empty),
                _ => false,
            };
            if (!valid)
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);

            var (access, refresh) = ($"at_{NextId()}", $"rt_{NextId()}");
            _accessTokens.Add(access);
            _refreshTokens.Add(refresh);
            return Results.Json(new { access_token = access, expires_in = AccessTokenLifetime, refresh_token = refresh, refresh_expires_in = 604800, token_type = "Bearer" });
        }
    }

    private IResult CreateUserCard(HttpContext context)
    {
        var body = Body(context);
        var (userId, number, expiry) = ((string?)body["userId"], (string?)body["cardNumber"], (string?)body["expireDate"]);
        if (string.IsNullOrEmpty(userId) || number?.Length != 16 || expiry?.Length != 4)
            return Error("validation_error");
        if (number == BlockedCardNumber)
            return Error("card_is_blocked");
        if (number == SmsNotActiveCardNumber)
            return Error("sms_not_active");
        lock (_lock)
        {
            var cid = $"cid_{NextId()}";
            _pendingCards[cid] = new PendingCard(userId, $"{number[..6]}******{number[^4..]}", expiry)
            {
                CardId = number == NoFundsCardNumber ? InsufficientFundsCard : null,
            };
            return Ok(new JsonObject { ["cid"] = cid, ["otpSentPhone"] = "********0000" });
        }
    }

    private IResult ConfirmUserCard(HttpContext context)
    {
        var body = Body(context);
        var (cid, otp) = ((string?)body["cardId"] ?? "", (string?)body["otp"]);
        lock (_lock)
        {
            if (!_pendingCards.TryGetValue(cid, out var pending) || pending.Expired)
                return Error("otp_expired");
            if (otp != OtpCode)
            {
                if (++pending.Failures < 3)
                    return Error("invalid_otp");
                _pendingCards.Remove(cid);
                return Error("too_many_attempts");
            }

            _pendingCards.Remove(cid);
            var cardId = pending.CardId ?? $"card_bound_{NextId()}";
            _boundCards[cardId] = pending.UserId;
            return Ok(new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["userId"] = pending.UserId, ["cardId"] = cardId, ["owner"] = "TEST HOLDER", ["number"] = pending.MaskedNumber,
                    ["expireDate"] = pending.Expiry, ["processing"] = "Uzcard", ["status"] = new JsonObject { ["is_active"] = true },
                },
            });
        }
    }

    private IResult StartBinding(HttpContext context)
    {
        var body = Body(context);
        lock (_lock)
        {
            var externalId = (string?)body["externalId"] ?? string.Empty;
            var session = _sessions.Values.FirstOrDefault(s => s.ExternalId == externalId);
            if (session is null)
            {
                session = new Session($"bind_{NextId()}", externalId, (string)body["userId"]!, (long)body["amountInTiyin"]!);
                _sessions[session.Id] = session;
            }

            return Ok(new JsonObject { ["sessionId"] = session.Id, ["redirectUrl"] = $"{BaseUrl}/hosted/{session.Id}" });
        }
    }

    private IResult GetBinding(string sessionId)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var s))
                return Error("not_found", 404);
            return Ok(new JsonObject
            {
                ["status"] = s.Status,
                ["card"] = s.CardId is null ? null : new JsonObject
                {
                    ["cardId"] = s.CardId, ["number"] = "860012******3456", ["expireDate"] = "2907", ["processing"] = "Uzcard",
                },
                ["transactionId"] = s.TransactionId,
                ["failureReason"] = s.FailureReason,
            });
        }
    }

    private IResult CreateReceipt(HttpContext context)
    {
        var body = Body(context);
        // Paylov takes SUM here, not tiyin; account is required.
        if (body["amount"] is not JsonValue amount || body["account"] is not JsonObject account)
            return Error("validation_error");
        var tiyin = decimal.ToInt64(amount.GetValue<decimal>() * 100m);
        if (tiyin <= 0)
            return Error("invalid_amount");
        var transactionId = CreateTransaction(tiyin, (string?)account["order_id"] ?? string.Empty);
        // Paylov's create answers flat in some versions: so does the fake.
        return Results.Json(new JsonObject { ["transactionId"] = transactionId });
    }

    private async Task<IResult> PayAsync(HttpContext context)
    {
        if (Interlocked.Decrement(ref _paymentFailuresLeft) >= 0)
            return Results.Json(new { detail = "Internal error" }, statusCode: _paymentFailureStatus);

        var body = Body(context);
        var (transactionId, cardId, userId) = ((string?)body["transactionId"] ?? "", (string?)body["cardId"] ?? "", (string?)body["userId"] ?? "");
        IResult answer;
        lock (_lock)
        {
            answer = Pay(transactionId, cardId, userId);
        }

        if (_hold is { } hold)
            await hold.Task.WaitAsync(context.RequestAborted);
        return answer;
    }

    private IResult Pay(string transactionId, string cardId, string userId)
    {
        if (!_transactions.TryGetValue(transactionId, out var transaction))
            return Error("transaction_not_found");
        // Paid already: a 4xx after the money moved, as Paylov answers it.
        if (transaction.Status == "paid")
            return Error("transaction_already_payed");
        if (transaction.Status != "created")
            return Error("transaction_not_available");
        var declineCode = Outcomes.TryGetValue(cardId, out var outcome) ? outcome
            : _boundCards.TryGetValue(cardId, out var owner) && owner == userId ? null
            : "card_not_found";
        if (declineCode is not null)
            return Error(declineCode);

        transaction.Status = "paid";
        _charges.Add(new FakeCharge(transactionId, transaction.OrderKey, cardId, userId, transaction.AmountTiyin));
        return Ok(new JsonObject { ["transactionId"] = transactionId });
    }

    private IResult GetTransaction(string? transactionId)
    {
        lock (_lock)
        {
            if (transactionId is null || !_transactions.TryGetValue(transactionId, out var transaction))
                return Error("transaction_not_found");
            return Ok(new JsonObject { ["transactionId"] = transaction.Id, ["status"] = transaction.Status, ["amount"] = transaction.AmountTiyin / 100m });
        }
    }

    private IResult Cancel(HttpContext context)
    {
        var transactionId = (string?)Body(context)["transactionId"] ?? string.Empty;
        lock (_lock)
        {
            if (!_transactions.TryGetValue(transactionId, out var transaction))
                return Error("transaction_not_found");
            if (transaction.Status != "paid")
                return Error("transaction_not_available_for_cancel");
            transaction.Status = "cancelled";
            return Ok(new JsonObject { ["status"] = "cancelled", ["cancelTime"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) });
        }
    }

    private IResult DeleteCard(string? userCardId)
    {
        if (string.IsNullOrEmpty(userCardId))
            return Error("validation_error");
        lock (_lock)
        {
            var known = _boundCards.Remove(userCardId) | Outcomes.ContainsKey(userCardId);
            _removedCards.Enqueue(userCardId);
            return known ? Ok(true) : Error("card_not_found", 404);
        }
    }

    private IResult RegisterReceipt(HttpContext context)
    {
        var body = Body(context);
        var transactionId = (string?)body["transactionId"] ?? string.Empty;
        var items = body["items"] as JsonArray ?? [];
        lock (_lock)
        {
            if (!_transactions.TryGetValue(transactionId, out var transaction) || transaction.Status != "paid")
                return Error("transaction_not_found");
            if (_receipts.ContainsKey(transactionId))
                return Error("ofd_check_already_generated");
            // The tax rules: a 17-digit MXIK code, a package code, VAT and the seller's STIR per line, lines adding up.
            if (items.Count == 0 || items.Any(i => ((string?)i!["code"])?.Length != 17 || string.IsNullOrEmpty((string?)i["package_code"])
                    || i["vat_percent"] is null || ((string?)i["tin"])?.Length != 9 || (long?)i["price"] is not > 0))
                return Error("validation_error");
            var total = items.Sum(i => ((long)i!["price"]! - ((long?)i["discount"] ?? 0)) * (long)i["count"]!);
            if (total != transaction.AmountTiyin)
                return Error("invalid_amount");

            var receiptId = 40_000 + int.Parse(NextId(), CultureInfo.InvariantCulture);
            var ofd = new JsonObject
            {
                ["receiptUrl"] = $"https://ofd.soliq.uz/epi?t=EP000000000123&r={receiptId}&c=20261207120000&s=310284756102",
                ["terminalId"] = "EP000000000123",
                ["receiptId"] = receiptId,
                ["fiscalSign"] = "310284756102",
            };
            _receipts[transactionId] = ofd;
            return Ok(new JsonObject { ["ofd"] = ofd });
        }
    }

    private IResult ReceiptStatus(string? transactionId)
    {
        lock (_lock)
        {
            if (transactionId is null || !_receipts.TryGetValue(transactionId, out var ofd))
                return Error("transaction_not_found");
            var status = (JsonObject)ofd.DeepClone();
            status["success"] = true;
            status["isRefund"] = false;
            return Ok(status);
        }
    }

    private IResult CheckPinfl(HttpContext context)
    {
        var body = Body(context);
        var (cardId, pinfl) = ((string?)body["cardId"] ?? "", (string?)body["pinfl"]);
        if (pinfl?.Length != 14)
            return Error("validation_error");
        lock (_lock)
        {
            if (!_boundCards.ContainsKey(cardId) && !Outcomes.ContainsKey(cardId))
                return Error("card_not_found");
        }

        return Ok(new JsonObject { ["match"] = pinfl == HolderPinfl });
    }

    private IResult PerformPayout(HttpContext context)
    {
        var body = Body(context);
        var (cardId, userId, externalId) = ((string?)body["cardId"] ?? "", (string?)body["userId"] ?? "", (string?)body["externalId"] ?? "");
        if (body["amountInTiyin"] is not JsonValue amount || amount.GetValue<long>() <= 0 || externalId.Length == 0)
            return Error("validation_error");
        lock (_lock)
        {
            if (Outcomes.TryGetValue(cardId, out var decline) && decline is not null)
                return Error(decline);
            if (!_boundCards.TryGetValue(cardId, out var owner) && !Outcomes.ContainsKey(cardId) || owner is not null && owner != userId)
                return Error("card_not_found");
            var payout = new FakePayout($"a2c_{NextId()}", externalId, cardId, userId, amount.GetValue<long>());
            _payouts.Add(payout);
            return Ok(new JsonObject { ["transactionId"] = payout.TransactionId, ["status"] = "0", ["statusText"] = "SUCCESS" });
        }
    }

    private IResult PayoutByExternalId(string externalId)
    {
        lock (_lock)
        {
            var payout = _payouts.FirstOrDefault(p => p.ExternalId == externalId);
            return payout is null
                ? Error("transaction_not_found")
                : Ok(new JsonObject { ["transactionId"] = payout.TransactionId, ["externalId"] = externalId, ["status"] = "0", ["statusText"] = "SUCCESS" });
        }
    }

    private void Confirm(Session session)
    {
        var cardId = $"card_bound_{NextId()}";
        _boundCards[cardId] = session.UserId;
        var transactionId = NextId();
        _transactions[transactionId] = new Transaction(transactionId, session.Amount, session.ExternalId) { Status = "paid" };
        _charges.Add(new FakeCharge(transactionId, session.ExternalId, cardId, session.UserId, session.Amount));
        session.Status = "confirmed";
        session.CardId = cardId;
        session.TransactionId = transactionId;
    }

    private static void Fail(Session session, string reason)
    {
        session.Status = "failed";
        session.FailureReason = reason;
    }

    private static JsonObject Body(HttpContext context) => context.Items["body"] as JsonObject ?? [];

    private string NextId() => Interlocked.Increment(ref _ids).ToString("D6", CultureInfo.InvariantCulture);

    private sealed class PendingCard(string userId, string maskedNumber, string expiry)
    {
        public string UserId { get; } = userId;
        public string MaskedNumber { get; } = maskedNumber;
        public string Expiry { get; } = expiry;
        public string? CardId { get; init; }
        public int Failures { get; set; }
        public bool Expired { get; set; }
    }

    private sealed class Transaction(string id, long amountTiyin, string orderKey)
    {
        public string Id { get; } = id;
        public long AmountTiyin { get; } = amountTiyin;
        public string OrderKey { get; } = orderKey;
        public string Status { get; set; } = "created";
    }

    private sealed class Session(string id, string externalId, string userId, long amount)
    {
        public string Id { get; } = id;
        public string ExternalId { get; } = externalId;
        public string UserId { get; } = userId;
        public long Amount { get; } = amount;
        public string Status { get; set; } = "pending";
        public int OtpFailures { get; set; }
        public string? CardId { get; set; }
        public string? TransactionId { get; set; }
        public string? FailureReason { get; set; }
    }
}
