using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.AccessLogs;
using VirtuOps.Application.AccessLogs.Commands.PurgeExpiredAccessLogs;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>Deletes access-log entries past the retention period, on the <c>AccessLogs:PurgeCron</c> schedule.</summary>
[DisallowConcurrentExecution]
public sealed class PurgeExpiredAccessLogsJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(PurgeExpiredAccessLogsJob), "maintenance");

    public static readonly TriggerKey TriggerKey = new(nameof(PurgeExpiredAccessLogsJob), "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new PurgeExpiredAccessLogsCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<PurgeExpiredAccessLogsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<PurgeExpiredAccessLogsJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(TriggerKey)
            .WithCronSchedule(
                services.GetRequiredService<IOptions<AccessLogOptions>>().Value.PurgeCron,
                // A purge missed while the scheduler was busy runs once as soon as it can; deleting is idempotent.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
