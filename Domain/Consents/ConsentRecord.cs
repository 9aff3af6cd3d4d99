using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Consents;

/// <summary>
/// One entry of a user's append-only consent history: a grant or a withdrawal of one document version,
/// with when and from where. Entries are never changed; the latest entry per kind is the current state.
/// </summary>
public sealed class ConsentRecord : BaseEntity
{
    public const int DocumentVersionMaxLength = 32;
    public const int IpAddressMaxLength = 45;
    public const int UserAgentMaxLength = 512;
    public const int EffectMaxLength = 500;

    private ConsentRecord(Guid userId, Guid? tenantId, ConsentKind kind, ConsentAction action, string documentVersion,
        DateTimeOffset occurredAt, string? ipAddress, string? userAgent, string? effect)
    {
        UserId = userId;
        TenantId = tenantId;
        Kind = kind;
        Action = action;
        DocumentVersion = documentVersion;
        OccurredAt = occurredAt;
        IpAddress = ipAddress;
        UserAgent = userAgent;
        Effect = effect;
    }

    public Guid UserId { get; private set; }

    /// <summary>The user's tenant, for consents that govern the tenant's data (e.g. sharing it with an AI provider).</summary>
    public Guid? TenantId { get; private set; }

    public ConsentKind Kind { get; private set; }

    public ConsentAction Action { get; private set; }

    public string DocumentVersion { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    /// <summary>For a withdrawal: what the platform does as a result, in words the user was shown.</summary>
    public string? Effect { get; private set; }

    public static ConsentRecord Grant(Guid userId, Guid? tenantId, ConsentKind kind, string documentVersion, DateTimeOffset at, string? ipAddress, string? userAgent) =>
        new(userId, tenantId, kind, ConsentAction.Granted, documentVersion, at, ipAddress, Truncate(userAgent), effect: null);

    public static ConsentRecord Withdraw(Guid userId, Guid? tenantId, ConsentKind kind, string documentVersion, DateTimeOffset at, string? ipAddress, string? userAgent, string effect) =>
        new(userId, tenantId, kind, ConsentAction.Withdrawn, documentVersion, at, ipAddress, Truncate(userAgent), effect);

    private static string? Truncate(string? userAgent) =>
        userAgent is { Length: > UserAgentMaxLength } ? userAgent[..UserAgentMaxLength] : userAgent;
}
