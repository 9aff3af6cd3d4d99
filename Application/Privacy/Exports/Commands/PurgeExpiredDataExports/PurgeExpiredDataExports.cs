using VirtuOps.Application.Privacy.Exports.Common;

namespace VirtuOps.Application.Privacy.Exports.Commands.PurgeExpiredDataExports;

/// <summary>
/// Deletes the zip and the row of every export past its download validity (7 days after it was ready or failed), and any
/// zip whose row is gone (e.g. deleted with its user's account), so no copy of someone's data outlives its record.
/// </summary>
public sealed record PurgeExpiredDataExportsCommand : ICommand<int>;

public sealed class PurgeExpiredDataExportsCommandHandler(
    IApplicationDbContext context,
    IDataExportFiles files,
    IDatabaseWriter writer,
    TimeProvider time,
    ILogger<PurgeExpiredDataExportsCommandHandler> logger)
    : ICommandHandler<PurgeExpiredDataExportsCommand, int>
{
    private const int BatchSize = 100;

    public async ValueTask<int> Handle(PurgeExpiredDataExportsCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var purged = 0;
        while (true)
        {
            var expired = await context.DataExports.IgnoreQueryFilters()
                .Where(e => e.ExpiresAt < now)
                .OrderBy(e => e.ExpiresAt)
                .Select(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (expired.Count == 0)
                break;

            // The file first: a crash between the two leaves a row without a file, which the next run deletes again.
            foreach (var id in expired)
                files.Delete(id);
            purged += await writer.RunExclusiveAsync(
                () => context.DataExports.IgnoreQueryFilters().Where(e => expired.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
            if (expired.Count < BatchSize)
                break;
        }

        var orphans = await OrphanedFilesAsync(cancellationToken);
        foreach (var id in orphans)
            files.Delete(id);

        if (purged + orphans.Count > 0)
            logger.LogInformation("Deleted {Count} expired data exports and {Orphans} files without an export", purged, orphans.Count);
        return purged + orphans.Count;
    }

    private async Task<List<Guid>> OrphanedFilesAsync(CancellationToken cancellationToken)
    {
        var stored = files.StoredExportIds();
        if (stored.Count == 0)
            return [];
        var known = await context.DataExports.IgnoreQueryFilters().Where(e => stored.Contains(e.Id)).Select(e => e.Id).ToListAsync(cancellationToken);
        return stored.Except(known).ToList();
    }
}
