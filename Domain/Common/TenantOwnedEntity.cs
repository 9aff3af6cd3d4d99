namespace VirtuOps.Domain.Common;

/// <summary>Base for data that belongs to one tenant. <see cref="TenantId"/> is stamped on insert by the persistence layer.</summary>
public abstract class TenantOwnedEntity : BaseAuditableEntity, ITenantOwned
{
    public Guid TenantId { get; private set; }
}
