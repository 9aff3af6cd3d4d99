using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.Usage;

/// <summary>
/// The plan whose limits apply to a tenant: its subscription's plan (a trial is of <c>Billing:DefaultPlan</c>), or the
/// default plan for a tenant without a subscription or on a plan no longer configured.
/// </summary>
public sealed class TenantPlans(IApplicationDbContext context, IOptions<BillingOptions> billing)
{
    /// <summary>The signed-in tenant's plan.</summary>
    public Task<PlanDefinition> CurrentAsync(CancellationToken cancellationToken) => PlanOfAsync(context.Subscriptions, cancellationToken);

    /// <summary>For a tenant served outside its own request (a widget visitor, a channel's webhook, a job).</summary>
    public Task<PlanDefinition> OfTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        PlanOfAsync(context.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == tenantId), cancellationToken);

    private async Task<PlanDefinition> PlanOfAsync(IQueryable<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var code = await subscriptions.Select(s => s.PlanCode).SingleOrDefaultAsync(cancellationToken);
        return (code is null ? null : billing.Value.Find(code)) ?? billing.Value.DefaultPlanDefinition;
    }
}
