namespace VirtuOps.Application.Common.Interfaces;

/// <summary>A background job as the scheduler knows it: when it last started and when it starts next.</summary>
public sealed record ScheduledJob(string Name, string Group, DateTimeOffset? LastRunAt, DateTimeOffset? NextRunAt, bool Paused);

/// <summary>The scheduled background jobs of this instance (renewals, receipts, purges, reminders...).</summary>
public interface IScheduledJobs
{
    Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken);
}
