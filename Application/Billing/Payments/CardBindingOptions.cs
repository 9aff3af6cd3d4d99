namespace VirtuOps.Application.Billing.Payments;

public enum CardBindingMode
{
    /// <summary>Paylov's hosted card page (assumed, not documented yet): the card number never reaches our server.</summary>
    Hosted = 0,

    /// <summary>Paylov's documented <c>createUserCard</c> + SMS code: the number passes through our server in memory (ADR 0008).</summary>
    Direct = 1,
}

/// <summary>How cards are bound: read from the <c>Paylov</c> section (<c>Paylov:CardBinding</c>, <c>Paylov:OtpLifetime</c>, <c>Paylov:OtpAttempts</c>).</summary>
public sealed class CardBindingOptions
{
    public CardBindingMode CardBinding { get; set; } = CardBindingMode.Hosted;

    /// <summary>How long Paylov's SMS code stays valid (not documented: configuration until Paylov confirms it).</summary>
    public TimeSpan OtpLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Codes the owner may type for one binding; Paylov answers <c>too_many_attempts</c> after its own limit too.</summary>
    public int OtpAttempts { get; set; } = 3;
}
