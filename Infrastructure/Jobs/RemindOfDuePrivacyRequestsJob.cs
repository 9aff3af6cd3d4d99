using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.PrivacyRequests.Commands.RemindOfDuePrivacyRequests;
using VirtuOps.Application.PrivacyRequests.Common;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>Reminds the privacy team of requests due in 3 business days, on the <c>Privacy:ReminderCron</c> schedule.</summary>
[DisallowConcurrentExecution]
public sealed class RemindOfDuePrivacyRequestsJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(RemindOfDuePrivacyRequestsJob), "privacy");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new RemindOfDuePrivacyRequestsCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<RemindOfDuePrivacyRequestsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<RemindOfDuePrivacyRequestsJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(nameof(RemindOfDuePrivacyRequestsJob), "privacy")
            .WithCronSchedule(
                services.GetRequiredService<IOptions<PrivacyRequestOptions>>().Value.ReminderCron,
                // A missed run is made up at once; the job only sends what is still owed.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
