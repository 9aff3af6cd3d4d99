namespace VirtuOps.Domain.Common;

/// <summary>Marks data that belongs to one tenant; the persistence layer filters and stamps <see cref="TenantId"/>.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
