using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Erasure;
using VirtuOps.Application.Erasure.Commands.PurgeDueErasures;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>Purges the erasures whose grace period is over, on the <c>Privacy:PurgeCron</c> schedule.</summary>
[DisallowConcurrentExecution]
public sealed class PurgeErasuresJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(PurgeErasuresJob), "maintenance");

    public static readonly TriggerKey TriggerKey = new(nameof(PurgeErasuresJob), "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new PurgeDueErasuresCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<PurgeErasuresJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<PurgeErasuresJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(TriggerKey)
            .WithCronSchedule(
                services.GetRequiredService<IOptions<ErasureOptions>>().Value.PurgeCron,
                // A run missed while the scheduler was busy runs once as soon as it can; each erasure resumes where it stopped.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
