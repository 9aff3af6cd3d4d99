using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Webhooks.Commands.DeleteWebhookSubscription;

/// <summary>Deletes a subscription with its secrets, its queued events and its delivery log; nothing more is sent.</summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record DeleteWebhookSubscriptionCommand(Guid Id) : ICommand;

public sealed class DeleteWebhookSubscriptionCommandHandler(IApplicationDbContext context) : ICommandHandler<DeleteWebhookSubscriptionCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookSubscriptionCommand command, CancellationToken cancellationToken)
    {
        // The tenant filter makes another tenant's subscription look like none at all: 404, not 403.
        var subscription = await context.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such webhook subscription.");
        context.WebhookSubscriptions.Remove(subscription);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
