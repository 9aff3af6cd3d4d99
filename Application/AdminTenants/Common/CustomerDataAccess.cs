using VirtuOps.Application.AccessGrants.Common;

namespace VirtuOps.Application.AdminTenants.Common;

/// <summary>
/// The gate in front of every staff read of a tenant's customer data (conversations, messages, knowledge): only while the
/// owner's grant runs. The audit entry of the read names the tenant and carries the grant's reason.
/// </summary>
public sealed class CustomerDataAccess(IApplicationDbContext context, ICurrentTenant currentTenant, IStaffAuditTrail trail, TimeProvider time)
{
    public const string GrantRequired =
        "Reading this tenant's conversations and knowledge needs an access grant: the owner gives one on their Security page.";

    /// <summary>Scopes the rest of the request to the tenant, or refuses (403) when no grant runs now.</summary>
    public async Task BeginAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (!await context.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
            throw new NotFoundException("No such tenant.");
        trail.Concerns(tenantId);
        // Staff have no tenant of their own: the grant is looked up by the tenant named, not through the tenant filter.
        var grant = await context.StaffAccessGrants.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.TenantId == tenantId).ActiveAt(time.GetUtcNow())
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ForbiddenAccessException(GrantRequired);
        trail.Because($"Access grant: {grant.Reason}");
        currentTenant.Use(tenantId);
    }
}
