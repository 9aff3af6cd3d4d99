using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Webhooks.Commands.RedeliverWebhook;

/// <summary>
/// Sends an event again (the same body, freshly signed), with a new retry window. Redelivering on a disabled
/// subscription turns it on again: the owner says the receiver works now.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record RedeliverWebhookCommand(Guid SubscriptionId, Guid DeliveryId) : ICommand;

public sealed class RedeliverWebhookCommandHandler(IApplicationDbContext context, IWebhookDeliverySignal signal, TimeProvider time)
    : ICommandHandler<RedeliverWebhookCommand>
{
    public async ValueTask<Unit> Handle(RedeliverWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await context.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == command.SubscriptionId, cancellationToken)
            ?? throw new NotFoundException("No such webhook subscription.");
        var delivery = await context.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId && d.SubscriptionId == subscription.Id, cancellationToken)
            ?? throw new NotFoundException("No such delivery.");
        subscription.Enable();
        delivery.Redeliver(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        signal.EventsQueued();
        return Unit.Value;
    }
}
