using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Billing;

public enum CheckoutPurpose
{
    /// <summary>Subscribe to a plan: bind a card with the first month's payment.</summary>
    Subscribe = 0,

    /// <summary>Replace the card on file (also how a cancelled or suspended subscription is resumed).</summary>
    UpdateCard = 1,
}

public enum CheckoutStatus
{
    Pending = 0,
    Completed = 1,
    Failed = 2,

    /// <summary>A direct binding's SMS code is at Paylov right now: a second confirm waits for the answer rather than send it again.</summary>
    Confirming = 3,
}

/// <summary>
/// A card binding we started: a visit to Paylov's hosted card page, or a direct binding (the card sent to Paylov
/// through our server, then the SMS code Paylov texted). Completing it twice does nothing twice.
/// </summary>
public sealed class CheckoutSession : TenantOwnedEntity
{
    private CheckoutSession(CheckoutPurpose purpose, string planCode, long amountTiyin, Guid startedByUserId)
    {
        Purpose = purpose;
        PlanCode = planCode;
        AmountTiyin = amountTiyin;
        StartedByUserId = startedByUserId;
    }

    /// <summary>Paylov's id for the hosted-page session (or, for a direct binding, the <c>cid</c> the SMS code confirms), known once Paylov has answered.</summary>
    public string PaylovSessionId { get; private set; } = string.Empty;

    public CheckoutPurpose Purpose { get; private set; }

    public string PlanCode { get; private set; }

    public long AmountTiyin { get; private set; }

    public Guid StartedByUserId { get; private set; }

    public CheckoutStatus Status { get; private set; } = CheckoutStatus.Pending;

    public string? FailureReason { get; private set; }

    /// <summary>Until when the SMS code of a direct binding is valid; null for a hosted-page visit.</summary>
    public DateTimeOffset? OtpExpiresAt { get; private set; }

    /// <summary>Wrong SMS codes a direct binding still accepts before it fails.</summary>
    public int OtpAttemptsLeft { get; private set; }

    public bool IsDirect => OtpExpiresAt is not null;

    public static CheckoutSession Start(CheckoutPurpose purpose, string planCode, long amountTiyin, Guid startedByUserId) =>
        new(purpose, planCode, amountTiyin, startedByUserId);

    public void OpenedAtPaylov(string paylovSessionId) => PaylovSessionId = paylovSessionId;

    /// <summary>Paylov texted the code that confirms <paramref name="bindingId"/>.</summary>
    public void OtpSent(string bindingId, DateTimeOffset expiresAt, int attempts)
    {
        PaylovSessionId = bindingId;
        OtpExpiresAt = expiresAt;
        OtpAttemptsLeft = attempts;
    }

    /// <summary>A code is on its way to Paylov; saved first (the status is a concurrency token), so only one request sends it.</summary>
    public void ConfirmingOtp()
    {
        if (Status != CheckoutStatus.Pending)
            throw new DomainRuleViolationException("This card binding is not waiting for a code.");
        Status = CheckoutStatus.Confirming;
        OtpAttemptsLeft--;
    }

    /// <summary>Paylov refused the code: another may be tried while attempts are left; after the last the binding fails.</summary>
    public void OtpRefused()
    {
        if (OtpAttemptsLeft > 0)
            Status = CheckoutStatus.Pending;
        else
            Fail("too_many_attempts");
    }

    /// <summary>Paylov did not answer: the code may be sent again.</summary>
    public void OtpUnanswered() => Status = CheckoutStatus.Pending;

    public void Complete() => Status = CheckoutStatus.Completed;

    public void Fail(string reason)
    {
        Status = CheckoutStatus.Failed;
        FailureReason = reason;
    }
}
