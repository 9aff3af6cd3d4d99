using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Privacy;

public enum DataExportStatus
{
    /// <summary>Asked for and waiting for (or being built by) the background worker.</summary>
    Pending = 0,
    Ready = 1,
    Failed = 2,
}

public enum DataExportScope
{
    /// <summary>An owner's export: everything the tenant keeps with us.</summary>
    Tenant = 0,

    /// <summary>An agent's export: their own account data.</summary>
    Account = 1,
}

/// <summary>
/// A user's request for a copy of their data (the right of access): built in the background into a zip file that only
/// this user may download, for <see cref="DownloadValidity"/> after it is ready; then the file and this row are deleted.
/// </summary>
public sealed class DataExport : TenantOwnedEntity
{
    public static readonly TimeSpan DownloadValidity = TimeSpan.FromDays(7);

    private DataExport(Guid userId, DataExportScope scope, UserLanguage language, DateTimeOffset requestedAt, Guid? privacyRequestId)
    {
        UserId = userId;
        PrivacyRequestId = privacyRequestId;
        Scope = scope;
        Language = language;
        RequestedAt = requestedAt;
    }

    public Guid UserId { get; private set; }

    public DataExportScope Scope { get; private set; }

    /// <summary>The data-subject request (of kind Access) this export answers.</summary>
    public Guid? PrivacyRequestId { get; private set; }

    /// <summary>The language of the e-mail and of the README.txt in the zip.</summary>
    public UserLanguage Language { get; private set; }

    public DataExportStatus Status { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? ReadyAt { get; private set; }

    /// <summary>When the download link stops working and the retention job deletes the file and this row.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public long? SizeBytes { get; private set; }

    public static DataExport Request(Guid userId, DataExportScope scope, UserLanguage language, DateTimeOffset at, Guid? privacyRequestId) =>
        new(userId, scope, language, at, privacyRequestId);

    public bool CanBeDownloadedAt(DateTimeOffset at) => Status == DataExportStatus.Ready && at < ExpiresAt;

    public void MarkReady(DateTimeOffset at, long sizeBytes)
    {
        if (Status != DataExportStatus.Pending)
            throw new DomainRuleViolationException("Only a pending export can become ready.");
        Status = DataExportStatus.Ready;
        ReadyAt = at;
        ExpiresAt = at + DownloadValidity;
        SizeBytes = sizeBytes;
    }

    /// <summary>A failed export is not retried (the user may ask again); it is deleted like an expired one.</summary>
    public void MarkFailed(DateTimeOffset at)
    {
        if (Status != DataExportStatus.Pending)
            throw new DomainRuleViolationException("Only a pending export can fail.");
        Status = DataExportStatus.Failed;
        ExpiresAt = at + DownloadValidity;
    }
}
