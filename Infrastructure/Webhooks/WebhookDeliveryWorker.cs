using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Application.Webhooks.Delivery;

namespace VirtuOps.Infrastructure.Webhooks;

/// <summary>
/// Sends outgoing webhooks whenever events are queued (<see cref="WebhookDeliverySignal"/>), a send finishes, or the next
/// retry falls due; at least every poll interval. Sends run in the background, up to <see cref="WebhookOptions.Concurrency"/>
/// at once and a quarter of that per tenant, so a receiver that hangs for the whole timeout holds only its own tenant's
/// slots and every other tenant's events keep going. A send only posts; its result waits for the next pass, which records
/// all results and claims the next deliveries in one database write.
/// </summary>
internal sealed class WebhookDeliveryWorker(
    WebhookDeliverySignal signal,
    WebhookSender sender,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    /// <summary>
    /// A pass that did work waits this long before the next one, so the wake-ups of a busy moment (every event queued,
    /// every send finished) are gathered into one pass and one write. Real time: a scheduling pause, not the app's clock.
    /// </summary>
    private static readonly TimeSpan GatherWakeUps = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<Guid, Guid> _inFlight = new(); // delivery id -> tenant id, while its post runs
    private readonly ConcurrentQueue<DeliveryAttempt> _finished = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sends = new ConcurrentDictionary<Task, bool>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            DateTimeOffset? nextDueAt = null;
            var finished = new List<DeliveryAttempt>();
            while (_finished.TryDequeue(out var attempt))
                finished.Add(attempt);
            var didWork = finished.Count > 0;
            try
            {
                var slots = options.Value.Concurrency - _inFlight.Count;
                var perTenant = _inFlight.Values.CountBy(t => t).ToDictionary();
                await using var scope = scopes.CreateAsyncScope();
                var claim = await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>()
                    .RunPassAsync(finished, slots, perTenant, Math.Max(1, options.Value.Concurrency / 4), stoppingToken);
                nextDueAt = claim.NextDueAt;
                didWork |= claim.Deliveries.Count > 0;
                foreach (var delivery in claim.Deliveries)
                {
                    _inFlight[delivery.Id] = delivery.TenantId;
                    var send = SendAsync(delivery, claim.Subscriptions[delivery.SubscriptionId], stoppingToken);
                    sends[send] = true;
                    _ = send.ContinueWith(done => sends.TryRemove(done, out _), TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) // The database may be briefly unavailable: the worker must outlive it.
            {
                // The results not recorded are lost with their lease: those deliveries are sent again when it lapses
                // (at least once; receivers tell a repeat by the event id).
                logger.LogError(exception, "The webhook delivery pass failed; trying again in {Wait}", wait);
            }

            if (didWork)
                await Task.Delay(GatherWakeUps, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var pollAt = time.GetUtcNow() + wait;
            await signal.WaitUntilAsync(nextDueAt < pollAt ? nextDueAt.Value : pollAt, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(sends.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await RecordLastResultsAsync();
    }

    private async Task SendAsync(ClaimedDelivery delivery, Domain.Webhooks.WebhookSubscription subscription, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the pass goes on claiming while this one waits for its receiver
        try
        {
            _finished.Enqueue(await sender.SendAsync(delivery, subscription, stoppingToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // One broken delivery must not stop the others; its claim lapses and it is tried again.
            logger.LogError(exception, "Delivering webhook {DeliveryId} failed unexpectedly", delivery.Id);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
            signal.EventsQueued(); // a slot is free, and its result is to be recorded
        }
    }

    /// <summary>On shutdown, the results of the last sends are recorded, so a clean stop sends nothing twice.</summary>
    private async Task RecordLastResultsAsync()
    {
        var finished = _finished.ToList();
        if (finished.Count == 0)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().RunPassAsync(finished, 0, new Dictionary<Guid, int>(), 1, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Recording {Count} webhook results on shutdown failed; they are sent again when their lease lapses", finished.Count);
        }
    }
}
