using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.PrivacyRequests.Commands.SendPrivacyRequestDigest;
using VirtuOps.Application.PrivacyRequests.Common;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>E-mails staff the privacy requests due within 3 business days, on the <c>Privacy:DigestCron</c> schedule (daily).</summary>
[DisallowConcurrentExecution]
public sealed class SendPrivacyRequestDigestJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(SendPrivacyRequestDigestJob), "privacy");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await sender.Send(new SendPrivacyRequestDigestCommand(), cancellationToken);

    internal static void Schedule(IQuartzBuilder quartz)
    {
        quartz.AddJob<SendPrivacyRequestDigestJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<SendPrivacyRequestDigestJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(nameof(SendPrivacyRequestDigestJob), "privacy")
            .WithCronSchedule(
                services.GetRequiredService<IOptions<PrivacyRequestOptions>>().Value.DigestCron,
                // A missed run is made up at once; whoever already had today's digest gets nothing more.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
