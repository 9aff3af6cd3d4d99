using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Identity;

public sealed class CurrentTenant(ICurrentUser currentUser) : ICurrentTenant
{
    private Guid? _chosen;

    public Guid? Id => currentUser.TenantId ?? _chosen;

    public void Use(Guid tenantId)
    {
        if (currentUser.TenantId is { } own && own != tenantId)
            throw new InvalidOperationException("A tenant's request cannot switch to another tenant.");
        if (_chosen is { } chosen && chosen != tenantId)
            throw new InvalidOperationException("This request is already scoped to another tenant.");
        _chosen = tenantId;
    }
}
