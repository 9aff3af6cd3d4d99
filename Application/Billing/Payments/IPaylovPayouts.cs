namespace VirtuOps.Application.Billing.Payments;

/// <summary>A payout to a bound card (A2C); <paramref name="ExternalId"/> is our payout's id, Paylov's record of it.</summary>
public sealed record PayoutToCard(string PaylovUserId, string CardId, long AmountTiyin, string ExternalId);

public enum PayoutState
{
    Succeeded = 0,
    /// <summary>Paylov refused it: no money moved.</summary>
    Failed = 1,
    /// <summary>Paylov has not settled it yet: ask again later.</summary>
    Pending = 2,
    /// <summary>Paylov has no payout with this external id: nothing was paid under it.</summary>
    NotFound = 3,
}

public sealed record PayoutResult(PayoutState State, string? TransactionId, string? ErrorCode);

/// <summary>
/// Paylov's payouts to cards (A2C) and PINFL check, as the partner programme needs them. An unknown outcome (no answer,
/// a 5xx) is a <see cref="PaylovUnavailableException"/>: look the payout up by its external id before any new attempt,
/// as a payout is never sent twice blind.
/// </summary>
public interface IPaylovPayouts
{
    /// <summary>Whether the bound card <paramref name="cardId"/> belongs to the person with this PINFL (<c>checkPinflMatch</c>).</summary>
    Task<bool> PinflMatchesAsync(string cardId, string pinfl, CancellationToken cancellationToken);

    /// <summary>Sends the money (<c>a2c/performTransaction</c>), once: this call is never retried by the adapter.</summary>
    Task<PayoutResult> PayOutAsync(PayoutToCard payout, CancellationToken cancellationToken);

    /// <summary>What became of the payout sent under <paramref name="externalId"/> (<c>a2c/checkTransaction/byExternalId</c>).</summary>
    Task<PayoutResult> GetPayoutAsync(string externalId, CancellationToken cancellationToken);
}
