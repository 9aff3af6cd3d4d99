using Microsoft.Extensions.Options;

namespace VirtuOps.Application.AccessLogs.Commands.PurgeExpiredAccessLogs;

/// <summary>Deletes access-log entries past the retention period; returns how many were deleted.</summary>
public sealed record PurgeExpiredAccessLogsCommand : ICommand<int>;

public sealed class PurgeExpiredAccessLogsCommandHandler(
    IApplicationDbContext context,
    IOptions<AccessLogOptions> options,
    TimeProvider timeProvider,
    ILogger<PurgeExpiredAccessLogsCommandHandler> logger)
    : ICommandHandler<PurgeExpiredAccessLogsCommand, int>
{
    public async ValueTask<int> Handle(PurgeExpiredAccessLogsCommand command, CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow().AddDays(-options.Value.RetentionDays);
        // One set-based DELETE: no entities are loaded, so a large backlog costs no memory.
        var deleted = await context.AccessLogs
            .Where(e => e.OccurredAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Purged {Count} access-log entries older than {Cutoff:O}", deleted, cutoff);
        return deleted;
    }
}
