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
/// slots and every other tenant's events keep going.
/// </summary>
internal sealed class WebhookDeliveryWorker(
    WebhookDeliverySignal signal,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Guid> _inFlight = new(); // delivery id -> tenant id

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sends = new ConcurrentDictionary<Task, bool>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            DateTimeOffset? nextDueAt = null;
            try
            {
                var slots = options.Value.Concurrency - _inFlight.Count;
                var perTenant = _inFlight.Values.CountBy(t => t).ToDictionary();
                await using var scope = scopes.CreateAsyncScope();
                var claim = await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>()
                    .ClaimDueAsync(slots, perTenant, Math.Max(1, options.Value.Concurrency / 4), stoppingToken);
                nextDueAt = claim.NextDueAt;
                foreach (var delivery in claim.Deliveries)
                {
                    _inFlight[delivery.Id] = delivery.TenantId;
                    var send = SendAsync(delivery, stoppingToken);
                    sends[send] = true;
                    _ = send.ContinueWith(finished => sends.TryRemove(finished, out _), TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) // The database may be briefly unavailable: the worker must outlive it.
            {
                logger.LogError(exception, "The webhook delivery pass failed; trying again in {Wait}", wait);
            }

            var pollAt = time.GetUtcNow() + wait;
            await signal.WaitUntilAsync(nextDueAt < pollAt ? nextDueAt.Value : pollAt, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(sends.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        await Task.Yield(); // the pass goes on claiming while this one waits for its receiver
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().DeliverAsync(delivery.Id, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // One broken delivery must not stop the others; its claim lapses and it is tried again.
            logger.LogError(exception, "Delivering webhook {DeliveryId} failed unexpectedly", delivery.Id);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
            signal.EventsQueued(); // a slot is free, and the next event of its line may go now
        }
    }
}
