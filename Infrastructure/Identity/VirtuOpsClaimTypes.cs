namespace VirtuOps.Infrastructure.Identity;

/// <summary>Claims VirtuOps adds to the principal beside the standard name identifier and roles.</summary>
public static class VirtuOpsClaimTypes
{
    public const string TenantId = "tenant_id";
    public const string SessionId = "session_id";
    public const string ApiKeyPrefix = "api_key_prefix";
    public const string ApiKeyId = "api_key_id";

    /// <summary>The code of the plan the key's tenant is subscribed to (none without a subscription): it sets the key's rate limit.</summary>
    public const string PlanCode = "plan_code";
}
