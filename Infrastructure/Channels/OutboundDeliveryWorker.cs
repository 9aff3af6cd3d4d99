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
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = time.GetUtcNow();
            var wait = options.Value.PollInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<OutboundDelivery>().DeliverDueAsync(stoppingToken);
                if (run.NextDueAt is { } nextDueAt && nextDueAt - time.GetUtcNow() < wait)
                    wait = nextDueAt - time.GetUtcNow();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) // The database may be briefly unavailable: the worker must outlive it.
            {
                logger.LogError(exception, "The outbound delivery pass failed; trying again in {Wait}", wait);
            }

            if (wait > TimeSpan.Zero)
                await signal.WaitAsync(wait, time, stoppingToken);
            var floor = started + options.Value.MinPassInterval - time.GetUtcNow();
            if (floor > TimeSpan.Zero)
                await Task.Delay(floor, time, stoppingToken);
        }
    }
}
