using System.Globalization;
using System.Security.Cryptography;
using VirtuOps.Application.Billing.Payments;

namespace VirtuOps.Infrastructure.Paylov.Sandbox;

public enum SandboxCheckoutStep
{
    EnterCard = 0,
    EnterOtp = 1,
    Finished = 2,
}

/// <summary>What the sandbox hosted page shows for a binding session.</summary>
public sealed record SandboxCheckout(string SessionId, long AmountTiyin, Uri ReturnUrl, SandboxCheckoutStep Step, string? MaskedPan, string? Error);

/// <summary>
/// SANDBOX — NO REAL MONEY. An in-process stand-in for Paylov, the embedded default when <c>Paylov:BaseUrl</c> is
/// empty (refused in Production). It plays both Paylov's API and Paylov's hosted card page (served by the WebApi at
/// <see cref="CheckoutPath"/>): only this class sees a card number, and it keeps only a token, the masked PAN and
/// how the test card behaves (<see cref="SandboxCards"/>). State lives in memory and is lost on restart.
/// </summary>
public sealed class SandboxPaylovClient(TimeProvider timeProvider) : IPaylovClient
{
    public const string CheckoutPath = "/sandbox/paylov/checkout/";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<string, SandboxCardBehaviour> _tokens = [];
    private readonly Dictionary<string, ChargeResult> _transactions = [];
    private readonly Dictionary<string, FiscalReceipt> _receipts = [];

    public Task<CardBindingSession> StartCardBindingAsync(string externalId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(returnUrl);
        lock (_lock)
        {
            // The same external id gets the same session, as an idempotent start would at Paylov.
            var session = _sessions.Values.FirstOrDefault(s => s.ExternalId == externalId)
                ?? new Session(NewId("sbx_bind_"), externalId, amountTiyin, returnUrl);
            _sessions[session.Id] = session;
            // The page is served by our own app, so it lives at the return URL's origin.
            var page = returnUrl.IsAbsoluteUri
                ? new Uri(returnUrl, CheckoutPath + session.Id)
                : new Uri(CheckoutPath + session.Id, UriKind.Relative);
            return Task.FromResult(new CardBindingSession(session.Id, page));
        }
    }

    public Task<CardBindingResult> GetCardBindingAsync(string sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var s))
                throw new PaylovException("The sandbox has no such card binding session.");
            return Task.FromResult(new CardBindingResult(s.Status, s.Status == CardBindingStatus.Confirmed ? s.Card : null, s.TransactionId, s.FailureReason));
        }
    }

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_transactions.TryGetValue(request.IdempotencyKey, out var first))
                return Task.FromResult(first);

            var result = _tokens.TryGetValue(request.CardToken, out var behaviour)
                ? behaviour == SandboxCardBehaviour.RenewalsFail ? Failed(PaylovTransactionState.InsufficientFunds) : Succeeded()
                : new ChargeResult(PaylovTransactionState.Declined, NewId("sbx_tx_"), "card_not_found", "The sandbox has no such card token.");
            _transactions[request.IdempotencyKey] = result;
            return Task.FromResult(result);
        }
    }

    public Task<ChargeResult> GetTransactionAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_transactions.TryGetValue(idempotencyKey, out var result)
                ? result
                : new ChargeResult(PaylovTransactionState.NotFound, null, null, null));
        }
    }

    public Task RemoveCardAsync(string cardToken, CancellationToken cancellationToken)
    {
        lock (_lock)
            _tokens.Remove(cardToken);
        return Task.CompletedTask;
    }

    public Task<FiscalReceipt> CreateReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (!_receipts.TryGetValue(request.IdempotencyKey, out var receipt))
            {
                var id = NewId("sbx_rcpt_");
                // A made-up fiscal sign and a URL on a reserved domain: a sandbox receipt must never look real.
                receipt = new FiscalReceipt(id, RandomNumberGenerator.GetString("0123456789", 12), new Uri($"https://sandbox.paylov.invalid/receipts/{id}"));
                _receipts[request.IdempotencyKey] = receipt;
            }

            return Task.FromResult(receipt);
        }
    }

    /// <summary>The hosted page's view of a session; null when there is none.</summary>
    public SandboxCheckout? FindCheckout(string sessionId)
    {
        lock (_lock)
            return _sessions.TryGetValue(sessionId, out var session) ? View(session, error: null) : null;
    }

    /// <summary>The card form was posted: the first payment is made, or the OTP step begins.</summary>
    public SandboxCheckout? SubmitCard(string sessionId, string? cardNumber, string? expiryMmYy, string? cvv)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var session))
                return null;
            if (session.Step != SandboxCheckoutStep.EnterCard)
                return View(session, error: null);

            var digits = new string((cardNumber ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
            if (SandboxCards.Find(digits) is not { } behaviour)
                return View(session, "Use one of the sandbox test cards; no other number is accepted.");
            if (ParseExpiry(expiryMmYy) is not { } expiry)
                return View(session, "Enter the expiry as MM/YY.");
            if (cvv is null || cvv.Length != 3 || !cvv.All(char.IsAsciiDigit))
                return View(session, "Enter a 3-digit CVV.");

            // From here on only the masked PAN and the behaviour are kept, never the number or the CVV.
            session.MaskedPan = $"{digits[..6]}******{digits[^4..]}";
            session.CardType = digits.StartsWith("9860", StringComparison.Ordinal) ? CardType.Humo : digits.StartsWith('4') ? CardType.Visa : CardType.UzCard;
            session.Expiry = expiry;
            session.Behaviour = behaviour;

            var today = timeProvider.GetUtcNow();
            if (string.CompareOrdinal(expiry, today.ToString("yyMM", CultureInfo.InvariantCulture)) < 0)
                Finish(session, PaylovTransactionState.ExpiredCard, "expired_card");
            else if (behaviour == SandboxCardBehaviour.RequiresOtp)
                session.Step = SandboxCheckoutStep.EnterOtp;
            else
                PayFirst(session);
            return View(session, error: null);
        }
    }

    /// <summary>The SMS-code form was posted.</summary>
    public SandboxCheckout? SubmitOtp(string sessionId, string? code)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var session))
                return null;
            if (session.Step != SandboxCheckoutStep.EnterOtp)
                return View(session, error: null);

            if (code?.Trim() == SandboxCards.OtpCode)
            {
                PayFirst(session);
                return View(session, error: null);
            }

            if (++session.OtpFailures < SandboxCards.OtpAttempts)
                return View(session, $"Wrong code. The sandbox code is {SandboxCards.OtpCode}.");
            Finish(session, PaylovTransactionState.Declined, "otp_failed");
            return View(session, error: null);
        }
    }

    private void PayFirst(Session session)
    {
        switch (session.Behaviour)
        {
            case SandboxCardBehaviour.Declines:
                Finish(session, PaylovTransactionState.Declined, "declined");
                return;
            case SandboxCardBehaviour.InsufficientFunds:
                Finish(session, PaylovTransactionState.InsufficientFunds, "insufficient_funds");
                return;
        }

        var token = NewId("sbx_tok_");
        _tokens[token] = session.Behaviour;
        var payment = Succeeded();
        _transactions[session.ExternalId] = payment;
        session.Card = new BoundCard(token, session.MaskedPan!, session.CardType, session.Expiry!);
        session.TransactionId = payment.TransactionId;
        session.Status = CardBindingStatus.Confirmed;
        session.Step = SandboxCheckoutStep.Finished;
    }

    private void Finish(Session session, PaylovTransactionState state, string reason)
    {
        var payment = Failed(state);
        _transactions[session.ExternalId] = payment;
        session.TransactionId = payment.TransactionId;
        session.FailureReason = reason;
        session.Status = CardBindingStatus.Failed;
        session.Step = SandboxCheckoutStep.Finished;
    }

    private static ChargeResult Succeeded() => new(PaylovTransactionState.Succeeded, NewId("sbx_tx_"), null, null);

    private static ChargeResult Failed(PaylovTransactionState state) =>
        new(state, NewId("sbx_tx_"), state.ToString(), $"Sandbox: {state}.");

    private static SandboxCheckout View(Session s, string? error) => new(s.Id, s.AmountTiyin, s.ReturnUrl, s.Step, s.MaskedPan, error);

    /// <summary>MM/YY (or MMYY) to Paylov's YYMM; null when it is not a real month.</summary>
    private static string? ParseExpiry(string? mmYy)
    {
        var digits = new string((mmYy ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 4 || !int.TryParse(digits[..2], CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            return null;
        return digits[2..] + digits[..2];
    }

    private static string NewId(string prefix) => prefix + Guid.CreateVersion7().ToString("N");

    private sealed class Session(string id, string externalId, long amountTiyin, Uri returnUrl)
    {
        public string Id { get; } = id;
        public string ExternalId { get; } = externalId;
        public long AmountTiyin { get; } = amountTiyin;
        public Uri ReturnUrl { get; } = returnUrl;
        public SandboxCheckoutStep Step { get; set; }
        public CardBindingStatus Status { get; set; }
        public string? MaskedPan { get; set; }
        public CardType CardType { get; set; }
        public string? Expiry { get; set; }
        public SandboxCardBehaviour Behaviour { get; set; }
        public int OtpFailures { get; set; }
        public BoundCard? Card { get; set; }
        public string? TransactionId { get; set; }
        public string? FailureReason { get; set; }
    }
}
