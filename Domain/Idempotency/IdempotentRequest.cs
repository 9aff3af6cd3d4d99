using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Idempotency;

/// <summary>
/// A POST sent with an <c>Idempotency-Key</c>: claimed before it runs, then holding its answer for a day, so the same
/// key and body get that answer again instead of doing the work twice. One per tenant and key.
/// </summary>
public sealed class IdempotentRequest : TenantOwnedEntity
{
    public const int KeyMaxLength = 255;
    public const int ContentTypeMaxLength = 200;
    public const int LocationMaxLength = 2000;

    /// <summary>How long an answer is replayed; afterwards the key may be used for a new request.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private IdempotentRequest(string key, string requestHash, DateTimeOffset expiresAt)
    {
        Key = key;
        RequestHash = requestHash;
        ExpiresAt = expiresAt;
    }

    public string Key { get; private set; }

    /// <summary>SHA-256 (hex) of the method, path and body: the same key with another request is refused.</summary>
    public string RequestHash { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The answer's status; null while the first request is still running.</summary>
    public int? ResponseStatus { get; private set; }

    public string? ResponseContentType { get; private set; }

    public string? ResponseLocation { get; private set; }

    public byte[]? ResponseBody { get; private set; }

    public bool IsCompleted => ResponseStatus is not null;

    public static IdempotentRequest Claim(string key, string requestHash, DateTimeOffset now) => new(key, requestHash, now + Lifetime);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;

    public void Complete(int status, string? contentType, string? location, byte[] body)
    {
        ResponseStatus = status;
        ResponseContentType = contentType;
        ResponseLocation = location;
        ResponseBody = body;
    }
}
