using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Jobs;

/// <summary>
/// The jobs of this instance's Quartz scheduler, each with its trigger's last and next fire time; none when this host
/// runs no background work (Quartz is not registered then).
/// </summary>
internal sealed class QuartzScheduledJobs(IServiceProvider services) : IScheduledJobs
{
    public async Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<ISchedulerFactory>() is not { } schedulers)
            return [];
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = new List<ScheduledJob>();
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken))
        {
            foreach (var trigger in await scheduler.GetTriggersOfJob(key, cancellationToken))
            {
                var state = await scheduler.GetTriggerState(trigger.Key, cancellationToken);
                jobs.Add(new ScheduledJob(key.Name, key.Group, trigger.PreviousFireTimeUtc, trigger.NextFireTimeUtc, state == TriggerState.Paused));
            }
        }

        return [.. jobs.OrderBy(j => j.Group, StringComparer.Ordinal).ThenBy(j => j.Name, StringComparer.Ordinal)];
    }
}
