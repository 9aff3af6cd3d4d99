using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Channels.Delivery;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Runs <see cref="OutboundDelivery"/> whenever messages are queued (<see cref="OutboundDeliverySignal"/>) and when the next
/// one falls due (retry, pacing), on the app's <see cref="TimeProvider"/>; at least every poll interval.
/// </summary>
internal sealed class OutboundDeliveryWorker(
    OutboundDeliverySignal signal,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<DeliveryOptions> options,
    ILogger<OutboundDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var repairAt = DateTimeOffset.MinValue; // at start: a crash may have left a queue without a due head
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            var wait = options.Value.PollInterval;
            DateTimeOffset? nextDueAt = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var delivery = scope.ServiceProvider.GetRequiredService<OutboundDelivery>();
                if (started >= repairAt)
                {
                    repairAt = started + options.Value.RepairInterval;
                    await delivery.PromoteStrandedHeadsAsync(stoppingToken);
                }

                nextDueAt = (await delivery.DeliverDueAsync(stoppingToken)).NextDueAt;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) // The database may be briefly unavailable: the worker must outlive it.
            {
                logger.LogError(exception, "The outbound delivery pass failed; trying again in {Wait}", wait);
            }

            var pollAt = time.GetUtcNow() + wait;
            await signal.WaitUntilAsync(nextDueAt < pollAt ? nextDueAt.Value : pollAt, time, stoppingToken);
            var floor = started + options.Value.MinPassInterval - time.GetUtcNow();
            if (floor > TimeSpan.Zero)
                await Task.Delay(floor, time, stoppingToken);
        }
    }
}
