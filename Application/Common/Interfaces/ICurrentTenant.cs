namespace VirtuOps.Application.Common.Interfaces;

/// <summary>
/// The tenant whose data this request or job may see and write. For signed-in users and API keys it is theirs;
/// public entry points (the web widget, channel webhooks) set it once they know the bot being addressed.
/// </summary>
public interface ICurrentTenant
{
    Guid? Id { get; }

    /// <summary>Scopes the rest of the request to a tenant; refused when the caller already belongs to another.</summary>
    void Use(Guid tenantId);
}
