namespace VirtuOps.Domain.Common;

/// <summary>Role names: tenant roles (Owner, Agent) and platform staff roles (Admin, Support).</summary>
public static class Roles
{
    public const string Owner = nameof(Owner);
    public const string Agent = nameof(Agent);
    public const string Admin = nameof(Admin);
    public const string Support = nameof(Support);

    /// <summary>Held by requests authenticated with an API key that has the read scope.</summary>
    public const string ApiRead = "api:read";

    /// <summary>Held by requests authenticated with an API key that has the write scope.</summary>
    public const string ApiWrite = "api:write";
}
