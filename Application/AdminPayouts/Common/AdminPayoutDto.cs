using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.AdminPayouts.Common;

/// <summary>A payout request as staff see it: the partner tenant, the amount and its course; no PINFL, STIR or card.</summary>
public sealed record AdminPayoutDto(Guid Id, Guid TenantId, long AmountTiyin, PayoutStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt, Guid? DecidedBy, string? Reason, string? TransactionId, string? FailureCode)
{
    public static AdminPayoutDto Of(Payout p) =>
        new(p.Id, p.TenantId, p.AmountTiyin, p.Status, p.RequestedAt, p.DecidedAt, p.DecidedBy, p.Reason, p.TransactionId, p.FailureCode);
}
