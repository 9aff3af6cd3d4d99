using VirtuOps.Domain.Channels;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>The webhook inbox's writer.</summary>
public interface IInboundEventStore
{
    /// <summary>
    /// Stores the events of one webhook and notes the connection's inbound activity; events already stored (same
    /// channel, account and provider id) are skipped. Returns once they are committed, so the webhook may be acknowledged.
    /// </summary>
    Task StoreAsync(Guid connectionId, IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the processor's <paramref name="context"/> taking turns with the webhook commits, after the webhooks
    /// already waiting: the database has one writer, and waiting webhooks are callers waiting for their answer.
    /// <paramref name="beforeSave"/> runs in the same writer turn, just before the save.
    /// </summary>
    Task SaveProcessedAsync(IApplicationDbContext context, Func<Task> beforeSave, CancellationToken cancellationToken);

    /// <summary>
    /// Waits while webhooks are being stored, for a short while at most: acknowledging them comes before processing,
    /// which catches up when they let up. The bound keeps the processor going under sustained load.
    /// </summary>
    Task GiveWayToWebhooksAsync(CancellationToken cancellationToken);
}
