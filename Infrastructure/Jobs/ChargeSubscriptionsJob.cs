using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Renewals;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>
/// Renews due subscriptions on the <c>Billing:ChargeCron</c> schedule, then issues and e-mails the pending receipts. Exactly-once charging comes from the charge
/// rows in the database, not from the scheduler: two runs at once, or a run after a crash, charge nothing twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ChargeSubscriptionsJob(ISender sender) : IJob
{
    public static readonly JobKey Key = new(nameof(ChargeSubscriptionsJob), "billing");

    public static readonly TriggerKey TriggerKey = new(nameof(ChargeSubscriptionsJob), "billing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var renewals = await sender.Send(new ChargeDueSubscriptionsCommand(), cancellationToken);
        var receipts = await sender.Send(new IssuePendingReceiptsCommand(), cancellationToken);
        context.Result = (renewals, receipts);
    }

    internal static void Schedule(IQuartzBuilder quartz, IConfiguration configuration)
    {
        if (!configuration.GetValue($"{BillingOptions.SectionName}:{nameof(BillingOptions.RunRenewalJob)}", true))
            return;

        quartz.AddJob<ChargeSubscriptionsJob>(job => job.WithIdentity(Key));
        quartz.AddTrigger<ChargeSubscriptionsJob>((services, trigger) => trigger
            .ForJob(Key)
            .WithIdentity(TriggerKey)
            .WithCronSchedule(
                services.GetRequiredService<IOptions<BillingOptions>>().Value.ChargeCron,
                // A run missed while the app was down happens once at start: renewals are idempotent.
                schedule => schedule.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
    }
}
