using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Partners;

public enum PayoutStatus
{
    /// <summary>Asked for by the partner, its amount held from the balance; waits for staff.</summary>
    Requested = 0,

    /// <summary>Approved and being sent: saved before Paylov is called, so a crash or timeout is reconciled by our id.</summary>
    Paying = 1,

    Paid = 2,

    /// <summary>Staff refused it; the amount is back in the balance.</summary>
    Rejected = 3,

    /// <summary>Paylov refused it; the amount is back in the balance.</summary>
    Failed = 4,
}

/// <summary>
/// A partner's request to be paid its commission, to its payout card by Paylov A2C with this row's id as the external
/// id. Status changes are checked by the database (a concurrency token), so two approvals cannot both send it.
/// </summary>
public sealed class Payout : TenantOwnedEntity
{
    public const int ReasonMaxLength = 1000;

    private Payout(long amountTiyin, DateTimeOffset requestedAt)
    {
        AmountTiyin = amountTiyin;
        RequestedAt = requestedAt;
    }

    public long AmountTiyin { get; private set; }

    public PayoutStatus Status { get; private set; } = PayoutStatus.Requested;

    public DateTimeOffset RequestedAt { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>When the latest attempt to send it started; a newer one waits until it has surely ended.</summary>
    public DateTimeOffset? SendingSince { get; private set; }

    public string? TransactionId { get; private set; }

    public string? FailureCode { get; private set; }

    /// <summary>The external id Paylov knows the payout by.</summary>
    public string ExternalId => $"payout_{Id:N}";

    public static Payout Request(long amountTiyin, DateTimeOffset now) =>
        amountTiyin <= 0 ? throw new DomainRuleViolationException("A payout is of a positive amount.") : new(amountTiyin, now);

    /// <summary>Staff approved it: it is to be sent now (saved before Paylov is called).</summary>
    public void Approve(Guid staffUserId, string? reason, DateTimeOffset now)
    {
        if (Status != PayoutStatus.Requested)
            throw new DomainRuleViolationException("Only a requested payout can be approved.");
        Status = PayoutStatus.Paying;
        DecidedBy = staffUserId;
        DecidedAt = now;
        Reason = reason;
        SendingSince = now;
    }

    /// <summary>Another attempt to send it, after the previous one surely ended without Paylov knowing the payout.</summary>
    public void SendAgain(DateTimeOffset now) => SendingSince = now;

    public void Reject(Guid staffUserId, string reason, DateTimeOffset now)
    {
        if (Status != PayoutStatus.Requested)
            throw new DomainRuleViolationException("Only a requested payout can be rejected.");
        Status = PayoutStatus.Rejected;
        DecidedBy = staffUserId;
        DecidedAt = now;
        Reason = reason;
    }

    public void Paid(string? transactionId)
    {
        Status = PayoutStatus.Paid;
        TransactionId = transactionId;
    }

    public void Failed(string failureCode)
    {
        Status = PayoutStatus.Failed;
        FailureCode = failureCode;
    }
}
