namespace VirtuOps.Domain.Common;

/// <summary>Base for data that belongs to one tenant. <see cref="TenantId"/> is stamped on insert by the persistence layer.</summary>
public abstract class TenantOwnedEntity : BaseAuditableEntity, ITenantOwned
{
    public Guid TenantId { get; private set; }

    /// <summary>
    /// For data created on behalf of a tenant outside a signed-in request (a widget visitor, a webhook): the tenant
    /// is the bot's, not the caller's. Signed-in requests leave it to the persistence layer.
    /// </summary>
    protected void AssignTenant(Guid tenantId) => TenantId = tenantId;
}
