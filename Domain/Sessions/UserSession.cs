using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Sessions;

/// <summary>One signed-in browser: created at sign-in, checked on every request, ended by sign-out or by the user.</summary>
public sealed class UserSession : BaseEntity
{
    public const int IpAddressMaxLength = 45;
    public const int UserAgentMaxLength = 512;

    private UserSession(Guid userId, DateTimeOffset createdAt, string? ipAddress, string? userAgent)
    {
        UserId = userId;
        CreatedAt = createdAt;
        LastSeenAt = createdAt;
        IpAddress = ipAddress;
        UserAgent = userAgent is { Length: > UserAgentMaxLength } ? userAgent[..UserAgentMaxLength] : userAgent;
    }

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsActive => EndedAt is null;

    public static UserSession Start(Guid userId, DateTimeOffset at, string? ipAddress, string? userAgent) =>
        new(userId, at, ipAddress, userAgent);

    public void Touch(DateTimeOffset at) => LastSeenAt = at;

    public void End(DateTimeOffset at) => EndedAt ??= at;
}
