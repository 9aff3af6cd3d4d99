using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Trials;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>Reminds owners of ending trials and puts ended trials without a card behind the paywall, on the <c>Billing:TrialCron</c> schedule.</summary>
[DisallowConcurrentExecution]
public sealed class EndTrialsJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(EndTrialsJob), "billing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new EndTrialsCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz, IConfiguration configuration)
    {
        // The instance that runs renewals runs this too (tests run both by hand); each reminder is claimed in the database.
        if (!configuration.GetValue($"{BillingOptions.SectionName}:{nameof(BillingOptions.RunRenewalJob)}", true))
            return;

        quartz.AddJob<EndTrialsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<EndTrialsJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(nameof(EndTrialsJob), "billing")
            .WithCronSchedule(
                services.GetRequiredService<IOptions<BillingOptions>>().Value.TrialCron,
                // A missed run is made up at once; the job only does what is still owed.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
