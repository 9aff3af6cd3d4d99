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
/// <see cref="CheckoutPath"/>): only this class sees a card number, and it keeps only a card id, the masked PAN and
/// how the test card behaves (<see cref="SandboxCards"/>). It follows Paylov's documented semantics: a charge is a
/// created transaction that is then paid, paying it again answers <c>transaction_already_payed</c>, declines are
/// Paylov's error codes, receipts are keyed by transaction and must add up. State lives in memory and is lost on restart.
/// </summary>
public sealed class SandboxPaylovClient(TimeProvider timeProvider) : IPaylovClient, IPaylovCardBinding, IPaylovPayouts
{
    /// <summary>How long the SMS code of a card binding stays valid.</summary>
    public static readonly TimeSpan OtpLifetime = TimeSpan.FromMinutes(2);

    public const string CheckoutPath = "/sandbox/paylov/checkout/";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly Dictionary<string, SandboxCardBehaviour> _cards = [];
    private readonly Dictionary<string, Transaction> _transactions = [];
    private readonly Dictionary<string, FiscalReceipt> _receipts = [];
    private readonly Dictionary<string, PendingCard> _pendingCards = [];
    private readonly Dictionary<string, PayoutResult> _payouts = [];

    public Task<bool> PinflMatchesAsync(string cardId, string pinfl, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_cards.ContainsKey(cardId))
                throw new PaylovException("The sandbox knows no such card.", "card_not_found");
        }

        return Task.FromResult(pinfl != SandboxCards.MismatchedPinfl);
    }

    public Task<PayoutResult> PayOutAsync(PayoutToCard payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        lock (_lock)
        {
            if (!_cards.ContainsKey(payout.CardId))
                return Task.FromResult(new PayoutResult(PayoutState.Failed, null, "card_not_found"));
            var result = new PayoutResult(PayoutState.Succeeded, NewId("sbx_a2c_"), null);
            _payouts[payout.ExternalId] = result;
            return Task.FromResult(result);
        }
    }

    public Task<PayoutResult> GetPayoutAsync(string externalId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_payouts.TryGetValue(externalId, out var result) ? result : new PayoutResult(PayoutState.NotFound, null, "transaction_not_found"));
    }
    private readonly HashSet<string> _paidOnce = [];

    public Task<CardOtpSent> StartAsync(string paylovUserId, CardDetails card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        CardNumbers.EnsureAcceptable(card);
        var behaviour = SandboxCards.Find(card.Number)
            ?? throw new PaylovException("The sandbox accepts only its test cards.", "card_not_found");
        if (behaviour == SandboxCardBehaviour.Declines)
            throw new PaylovException("The sandbox's blocked test card.", "card_is_blocked");
        lock (_lock)
        {
            // From here on only the masked number, type, expiry and behaviour are kept, never the number.
            var number = card.Number;
            var cid = NewId("sbx_cid_");
            _pendingCards[cid] = new PendingCard(new BoundCard(NewId("sbx_card_"), $"{number[..6]}******{number[^4..]}",
                number.StartsWith("9860", StringComparison.Ordinal) ? CardType.Humo : number[0] == '4' ? CardType.Visa : CardType.UzCard, card.ExpiryYyMm),
                behaviour, timeProvider.GetUtcNow() + OtpLifetime);
            return Task.FromResult(new CardOtpSent(cid, "+998 ** *** ** 00"));
        }
    }

    public Task<BoundCard> ConfirmAsync(string bindingId, string otp, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_pendingCards.TryGetValue(bindingId, out var pending) || timeProvider.GetUtcNow() > pending.ExpiresAt)
                throw new PaylovException("The sandbox's code expired.", "otp_expired");
            if (otp != SandboxCards.OtpCode)
            {
                if (++pending.Failures < SandboxCards.OtpAttempts)
                    throw new PaylovException("Wrong sandbox code.", "invalid_otp");
                _pendingCards.Remove(bindingId);
                throw new PaylovException("Too many wrong sandbox codes.", "too_many_attempts");
            }

            _pendingCards.Remove(bindingId);
            _cards[pending.Card.CardId] = pending.Behaviour;
            return Task.FromResult(pending.Card);
        }
    }

    public Task<CardBindingSession> StartCardBindingAsync(string externalId, string paylovUserId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken)
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

    public Task<string> CreateChargeAsync(NewCharge request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.AmountTiyin <= 0)
            throw new PaylovException("The sandbox refuses an amount that is not positive.", "invalid_amount");
        lock (_lock)
        {
            var transactionId = NewId("sbx_tx_");
            _transactions[transactionId] = new Transaction(request.AmountTiyin);
            return Task.FromResult(transactionId);
        }
    }

    public Task<ChargeResult> PayAsync(PayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (!_transactions.TryGetValue(request.TransactionId, out var transaction))
                return Task.FromResult(new ChargeResult(PaylovTransactionState.NotFound, request.TransactionId, "transaction_not_found"));
            // Paid again: Paylov's transaction_already_payed, which means the money moved (once).
            if (transaction.State == PaylovTransactionState.Succeeded)
                return Task.FromResult(new ChargeResult(PaylovTransactionState.Succeeded, request.TransactionId, "transaction_already_payed"));
            if (transaction.State == PaylovTransactionState.Refunded)
                return Task.FromResult(new ChargeResult(PaylovTransactionState.Declined, request.TransactionId, "transaction_not_available"));

            if (!_cards.TryGetValue(request.CardId, out var behaviour))
                return Task.FromResult(new ChargeResult(PaylovTransactionState.Declined, request.TransactionId, "card_not_found"));
            // The no-funds card never pays; the dunning card pays its first payment only (bound on the hosted page, that one was paid there).
            if (behaviour == SandboxCardBehaviour.InsufficientFunds || (behaviour == SandboxCardBehaviour.RenewalsFail && !_paidOnce.Add(request.CardId)))
                return Task.FromResult(new ChargeResult(PaylovTransactionState.InsufficientFunds, request.TransactionId, "insufficient_funds"));
            transaction.State = PaylovTransactionState.Succeeded;
            return Task.FromResult(new ChargeResult(PaylovTransactionState.Succeeded, request.TransactionId, null));
        }
    }

    public Task<ChargeResult> GetTransactionAsync(string transactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_transactions.TryGetValue(transactionId, out var transaction)
                ? new ChargeResult(transaction.State, transactionId, null)
                : new ChargeResult(PaylovTransactionState.NotFound, transactionId, "transaction_not_found"));
        }
    }

    public Task RefundAsync(string transactionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_transactions.TryGetValue(transactionId, out var transaction) || transaction.State is not (PaylovTransactionState.Succeeded or PaylovTransactionState.Refunded))
                throw new PaylovException("The sandbox cannot refund a transaction that was not paid.", "transaction_not_available_for_cancel");
            transaction.State = PaylovTransactionState.Refunded;
            return Task.CompletedTask;
        }
    }

    public Task RemoveCardAsync(string cardId, CancellationToken cancellationToken)
    {
        lock (_lock)
            _cards.Remove(cardId);
        return Task.CompletedTask;
    }

    public Task<FiscalReceipt> RegisterReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        PaylovWire.EnsureFiscallyValid(request);
        lock (_lock)
        {
            if (!_transactions.TryGetValue(request.TransactionId, out var transaction) || transaction.State != PaylovTransactionState.Succeeded)
                throw new PaylovException("The sandbox registers receipts of paid transactions only.", "transaction_not_found");
            if (transaction.AmountTiyin != request.AmountTiyin)
                throw new PaylovException("The receipt does not match the amount paid.", "invalid_amount");
            if (!_receipts.TryGetValue(request.TransactionId, out var receipt))
            {
                var id = NewId("sbx_rcpt_");
                // A made-up fiscal sign and a URL on a reserved domain: a sandbox receipt must never look real.
                receipt = new FiscalReceipt(id, RandomNumberGenerator.GetString("0123456789", 12), new Uri($"https://sandbox.paylov.invalid/receipts/{id}"));
                _receipts[request.TransactionId] = receipt;
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
                Finish(session, "card_expired");
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
            Finish(session, "too_many_attempts");
            return View(session, error: null);
        }
    }

    private void PayFirst(Session session)
    {
        switch (session.Behaviour)
        {
            case SandboxCardBehaviour.Declines:
                Finish(session, "card_is_blocked");
                return;
            case SandboxCardBehaviour.InsufficientFunds:
                Finish(session, "insufficient_funds");
                return;
        }

        var cardId = NewId("sbx_card_");
        _cards[cardId] = session.Behaviour;
        _paidOnce.Add(cardId);
        var transactionId = NewId("sbx_tx_");
        _transactions[transactionId] = new Transaction(session.AmountTiyin) { State = PaylovTransactionState.Succeeded };
        session.Card = new BoundCard(cardId, session.MaskedPan!, session.CardType, session.Expiry!);
        session.TransactionId = transactionId;
        session.Status = CardBindingStatus.Confirmed;
        session.Step = SandboxCheckoutStep.Finished;
    }

    private static void Finish(Session session, string reason)
    {
        session.FailureReason = reason;
        session.Status = CardBindingStatus.Failed;
        session.Step = SandboxCheckoutStep.Finished;
    }

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

    private sealed class PendingCard(BoundCard card, SandboxCardBehaviour behaviour, DateTimeOffset expiresAt)
    {
        public BoundCard Card { get; } = card;
        public SandboxCardBehaviour Behaviour { get; } = behaviour;
        public DateTimeOffset ExpiresAt { get; } = expiresAt;
        public int Failures { get; set; }
    }

    private sealed class Transaction(long amountTiyin)
    {
        public long AmountTiyin { get; } = amountTiyin;
        public PaylovTransactionState State { get; set; } = PaylovTransactionState.Pending;
    }

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
