using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>
/// Keeps SQLite's query-planner statistics in step with the data, hourly, as SQLite advises for long-running
/// applications (<see cref="SqlitePlannerStatistics"/>); usually nothing to do. In the writer's turn, since an
/// ANALYZE writes.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RefreshPlannerStatisticsJob(ApplicationDbContext database, IDatabaseWriter writer) : IJob
{
    public static readonly JobKey Key = new(nameof(RefreshPlannerStatisticsJob), "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await writer.RunExclusiveAsync(async () =>
        {
            await SqlitePlannerStatistics.RefreshAsync(database, cancellationToken);
            return true;
        }, cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<RefreshPlannerStatisticsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<RefreshPlannerStatisticsJob>((_, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(nameof(RefreshPlannerStatisticsJob), "maintenance")
            .WithCronSchedule("0 41 * * * ?", schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
    }
}
