using VirtuOps.Domain.Common;

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
}

/// <summary>A visit to Paylov's hosted card page that we started; completing it twice does nothing twice.</summary>
public sealed class CheckoutSession : TenantOwnedEntity
{
    private CheckoutSession(CheckoutPurpose purpose, string planCode, long amountTiyin, Guid startedByUserId)
    {
        Purpose = purpose;
        PlanCode = planCode;
        AmountTiyin = amountTiyin;
        StartedByUserId = startedByUserId;
    }

    /// <summary>Paylov's id for the hosted-page session, known once Paylov has answered.</summary>
    public string PaylovSessionId { get; private set; } = string.Empty;

    public CheckoutPurpose Purpose { get; private set; }

    public string PlanCode { get; private set; }

    public long AmountTiyin { get; private set; }

    public Guid StartedByUserId { get; private set; }

    public CheckoutStatus Status { get; private set; } = CheckoutStatus.Pending;

    public string? FailureReason { get; private set; }

    public static CheckoutSession Start(CheckoutPurpose purpose, string planCode, long amountTiyin, Guid startedByUserId) =>
        new(purpose, planCode, amountTiyin, startedByUserId);

    public void OpenedAtPaylov(string paylovSessionId) => PaylovSessionId = paylovSessionId;

    public void Complete() => Status = CheckoutStatus.Completed;

    public void Fail(string reason)
    {
        Status = CheckoutStatus.Failed;
        FailureReason = reason;
    }
}
