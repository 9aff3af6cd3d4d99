using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.ApiKeys;

/// <summary>
/// A tenant's key for the public REST API. The key itself is shown once; only its hash and a short
/// visible prefix (to tell keys apart in lists and logs) are kept.
/// </summary>
public sealed class ApiKey : TenantOwnedEntity
{
    public const int NameMaxLength = 100;
    public const int PrefixLength = 12;

    private ApiKey(string name, string prefix, string hash, ApiKeyScopes scopes)
    {
        Name = name;
        Prefix = prefix;
        Hash = hash;
        Scopes = scopes;
    }

    public string Name { get; private set; }

    public string Prefix { get; private set; }

    public string Hash { get; private set; }

    public ApiKeyScopes Scopes { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static ApiKey Create(string name, string prefix, string hash, ApiKeyScopes scopes)
    {
        if (scopes == ApiKeyScopes.None)
            throw new DomainRuleViolationException("An API key needs at least one scope.");
        return new ApiKey(name.Trim(), prefix, hash, scopes);
    }

    public void RecordUse(DateTimeOffset at) => LastUsedAt = at;

    /// <summary>Revoking is final and idempotent: the first revocation time is kept.</summary>
    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}
