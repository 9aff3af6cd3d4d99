namespace VirtuOps.Domain.ApiKeys;

/// <summary>One permission of an API key, as integrators name it; a key holds a set of them.</summary>
public enum ApiKeyScope
{
    Read = 1,
    Write = 2,
}

public static class ApiKeyScopeConversions
{
    public static ApiKeyScopes ToFlags(this IEnumerable<ApiKeyScope> scopes) =>
        scopes.Aggregate(ApiKeyScopes.None, (all, scope) => all | (ApiKeyScopes)scope);

    public static IReadOnlyList<ApiKeyScope> ToList(this ApiKeyScopes scopes) =>
        Enum.GetValues<ApiKeyScope>().Where(scope => scopes.HasFlag((ApiKeyScopes)scope)).ToList();
}
