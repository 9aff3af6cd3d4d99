using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Privacy.Exports.Commands.PurgeExpiredDataExports;
using VirtuOps.Application.Retention;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>Deletes expired data exports (file and row) on the retention purge's schedule, <c>Privacy:RetentionCron</c>.</summary>
[DisallowConcurrentExecution]
public sealed class PurgeExpiredDataExportsJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(PurgeExpiredDataExportsJob), "maintenance");

    public static readonly TriggerKey TriggerKey = new(nameof(PurgeExpiredDataExportsJob), "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new PurgeExpiredDataExportsCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<PurgeExpiredDataExportsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<PurgeExpiredDataExportsJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(TriggerKey)
            .WithCronSchedule(
                services.GetRequiredService<IOptions<RetentionOptions>>().Value.RetentionCron,
                // Missed while the scheduler was busy: run once as soon as it can; deleting is idempotent.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
