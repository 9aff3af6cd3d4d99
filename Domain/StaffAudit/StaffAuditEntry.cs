namespace VirtuOps.Domain.StaffAudit;

/// <summary>
/// One call of the platform back-office (<c>/api/admin</c>): who made it, when, which operation, which tenant it
/// concerned, the reason given and the outcome. Append-only: nothing in the code changes or deletes an entry, so the
/// log stays the record of what platform staff did with customers' data. The id grows with every entry and is the
/// cursor the log is paged by.
/// </summary>
public sealed class StaffAuditEntry
{
    public const int ActorRoleMaxLength = 16;
    public const int OperationMaxLength = 256;
    public const int PathMaxLength = 1024;
    public const int ReasonMaxLength = 1000;

    /// <summary>The caller held no platform, tenant or API-key role (an anonymous call).</summary>
    public const string NoRole = "None";

    /// <summary>The caller was an integrator's API key.</summary>
    public const string ApiKeyRole = "ApiKey";

    private StaffAuditEntry(DateTimeOffset occurredAt, Guid? actorUserId, string actorRole, string operation, string path,
        Guid? tenantId, string? reason, int statusCode)
    {
        OccurredAt = occurredAt;
        ActorUserId = actorUserId;
        ActorRole = actorRole;
        Operation = operation;
        Path = path;
        TenantId = tenantId;
        Reason = reason;
        StatusCode = statusCode;
    }

    public long Id { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The signed-in caller; null for an anonymous call or an API key.</summary>
    public Guid? ActorUserId { get; private set; }

    /// <summary>The caller's highest role: Admin, Support, Owner, Agent, <see cref="ApiKeyRole"/> or <see cref="NoRole"/>.</summary>
    public string ActorRole { get; private set; }

    /// <summary>The method and route pattern, e.g. <c>GET /api/admin/audit-log</c>; the path itself when no route matched.</summary>
    public string Operation { get; private set; }

    /// <summary>The request path without its query string.</summary>
    public string Path { get; private set; }

    /// <summary>The tenant whose data the call concerned, once the operation found it; null otherwise.</summary>
    public Guid? TenantId { get; private set; }

    /// <summary>Why staff did it, as they typed it where the operation asks for a reason.</summary>
    public string? Reason { get; private set; }

    /// <summary>The HTTP status the caller got: the outcome.</summary>
    public int StatusCode { get; private set; }

    public static StaffAuditEntry Record(DateTimeOffset occurredAt, Guid? actorUserId, string actorRole, string operation, string path,
        Guid? tenantId, string? reason, int statusCode) =>
        new(occurredAt, actorUserId, Cut(actorRole, ActorRoleMaxLength), Cut(operation, OperationMaxLength), Cut(path, PathMaxLength),
            tenantId, reason is null ? null : Cut(reason, ReasonMaxLength), statusCode);

    private static string Cut(string value, int maxLength) => value.Length > maxLength ? value[..maxLength] : value;
}
