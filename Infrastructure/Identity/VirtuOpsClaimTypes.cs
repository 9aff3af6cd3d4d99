namespace VirtuOps.Infrastructure.Identity;

/// <summary>Claims VirtuOps adds to the principal beside the standard name identifier and roles.</summary>
public static class VirtuOpsClaimTypes
{
    public const string TenantId = "tenant_id";
    public const string SessionId = "session_id";
    public const string ApiKeyPrefix = "api_key_prefix";
}
