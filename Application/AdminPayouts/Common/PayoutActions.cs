using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.AdminPayouts.Common;

/// <summary>What every staff action on a payout shares: the reason recorded first, the payout found and the request scoped to its tenant.</summary>
public sealed class PayoutActions(IApplicationDbContext context, ICurrentTenant currentTenant, IStaffAuditTrail trail)
{
    public async Task<Payout> BeginAsync(Guid payoutId, string reason, CancellationToken cancellationToken)
    {
        trail.Because(reason);
        var payout = await context.Payouts.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == payoutId, cancellationToken)
            ?? throw new NotFoundException("No such payout.");
        trail.Concerns(payout.TenantId);
        currentTenant.Use(payout.TenantId);
        return payout;
    }
}
