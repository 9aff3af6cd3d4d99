using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Partners.Commands.AccrueCommissions;
using VirtuOps.Application.Partners.Common;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>Accrues partners' commissions on newly paid charges, on the <c>Partners:AccrualCron</c> schedule.</summary>
[DisallowConcurrentExecution]
public sealed class AccrueCommissionsJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(AccrueCommissionsJob), "billing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new AccrueCommissionsCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz, IConfiguration configuration)
    {
        // Beside the renewals (tests run both by hand); exactly-once comes from the ledger's unique entry key.
        if (!configuration.GetValue($"{BillingOptions.SectionName}:{nameof(BillingOptions.RunRenewalJob)}", true))
            return;

        quartz.AddJob<AccrueCommissionsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<AccrueCommissionsJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(nameof(AccrueCommissionsJob), "billing")
            .WithCronSchedule(
                services.GetRequiredService<IOptions<PartnerOptions>>().Value.AccrualCron,
                // A missed run is made up at once; it only accrues what is still owed.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
