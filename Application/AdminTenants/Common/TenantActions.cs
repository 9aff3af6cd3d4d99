using VirtuOps.Domain.StaffAudit;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Common;

/// <summary>What every staff action on a tenant shares: the tenant looked up and named in the audit entry with the reason.</summary>
public sealed class TenantActions(IApplicationDbContext context, ICurrentTenant currentTenant, IStaffAuditTrail trail)
{
    /// <summary>
    /// The tenant, tracked, with the rest of the request scoped to it (staff have no tenant of their own). The reason is
    /// recorded first, so even a refused action keeps why it was tried.
    /// </summary>
    public async Task<Tenant> BeginAsync(Guid tenantId, string reason, CancellationToken cancellationToken)
    {
        trail.Because(reason);
        var tenant = await context.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new NotFoundException("No such tenant.");
        trail.Concerns(tenant.Id);
        currentTenant.Use(tenant.Id);
        return tenant;
    }
}

/// <summary>The reason every staff action on a tenant asks for.</summary>
public static class ReasonRules
{
    public static IRuleBuilderOptions<T, string> StaffReason<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(StaffAuditEntry.ReasonMaxLength);
}
