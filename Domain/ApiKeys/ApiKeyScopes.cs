namespace VirtuOps.Domain.ApiKeys;

/// <summary>What an integrator's key may do with the public REST API.</summary>
[Flags]
public enum ApiKeyScopes
{
    None = 0,
    Read = 1,
    Write = 2,
}
