using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Privacy.Exports.Common;

/// <summary>
/// An export as its owner sees it. <c>Status</c> is Pending until the zip is built, then Ready (download it from
/// <c>GET /api/privacy/exports/{id}/download</c> until <c>ExpiresAt</c>) or Failed (ask again).
/// </summary>
public sealed record DataExportDto(Guid Id, DataExportStatus Status, DataExportScope Scope, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ExpiresAt, long? SizeBytes)
{
    public static DataExportDto From(DataExport export) =>
        new(export.Id, export.Status, export.Scope, export.RequestedAt, export.ReadyAt, export.ExpiresAt, export.SizeBytes);
}
