using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Retention;
using VirtuOps.Application.Retention.Commands.PurgeExpiredData;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>
/// Deletes stored webhook payloads, one-time codes, checkout sessions, demo requests and removed users' access-log
/// entries past their retention, on the <c>Privacy:RetentionCron</c> schedule.
/// </summary>
[DisallowConcurrentExecution]
public sealed class PurgeExpiredDataJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(PurgeExpiredDataJob), "maintenance");

    public static readonly TriggerKey TriggerKey = new(nameof(PurgeExpiredDataJob), "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new PurgeExpiredDataCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<PurgeExpiredDataJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<PurgeExpiredDataJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(TriggerKey)
            .WithCronSchedule(
                services.GetRequiredService<IOptions<RetentionOptions>>().Value.RetentionCron,
                // A purge missed while the scheduler was busy runs once as soon as it can; deleting is idempotent.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
