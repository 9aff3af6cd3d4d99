using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Common;

namespace VirtuOps.Infrastructure.Data.Interceptors;

/// <summary>Stamps new tenant-owned rows with the caller's tenant, so no use case can forget it or write into another tenant.</summary>
internal sealed class TenantStampInterceptor(ICurrentTenant currentTenant) : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries<ITenantOwned>().Where(e => e.State == EntityState.Added))
        {
            var tenantId = entry.Property(nameof(ITenantOwned.TenantId));
            var assigned = (Guid)tenantId.CurrentValue!;
            if (assigned == Guid.Empty)
                tenantId.CurrentValue = currentTenant.Id
                    ?? throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} can only be created for a tenant.");
            else if (currentTenant.Id is { } current && current != assigned)
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of another tenant cannot be written here.");
        }
    }
}
