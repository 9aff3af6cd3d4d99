namespace VirtuOps.Application.Billing.Payments;

/// <summary>
/// Paylov refused a card or a payment, with its error <see cref="Code"/> (<c>invalid_otp</c>, <c>card_is_blocked</c>,
/// <c>insufficient_funds</c>, ...): the API answers it in the caller's language, with the code for clients to act on.
/// The message holds the code only, never what was sent.
/// </summary>
public sealed class PaymentRefusedException : Exception
{
    /// <summary>Paylov did not answer (timeout, outage): nothing is known to have happened, and nothing happens twice on a retry.</summary>
    public const string Unavailable = "paylov_unavailable";

    public PaymentRefusedException(string code, int? attemptsLeft = null, bool isDecline = false)
        : base($"Paylov refused ({code}).")
    {
        Code = code;
        AttemptsLeft = attemptsLeft;
        IsDecline = isDecline;
    }

    public string Code { get; }

    /// <summary>For a wrong SMS code: how many more may be tried.</summary>
    public int? AttemptsLeft { get; }

    /// <summary>A charge was declined (the card is fine as input); otherwise the card or code itself was refused.</summary>
    public bool IsDecline { get; }

    public static PaymentRefusedException From(PaylovException exception, int? attemptsLeft = null) =>
        exception is PaylovUnavailableException
            ? new(Unavailable)
            : new(exception.Code ?? "refused", attemptsLeft);
}
