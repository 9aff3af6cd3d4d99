using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Inbox.Commands.RetryMessageDelivery;

/// <summary>An agent sends a dead-lettered (failed) outgoing message again: it is queued from scratch.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record RetryMessageDeliveryCommand(Guid Id) : ICommand<MessageDto>;

public sealed class RetryMessageDeliveryCommandHandler(IApplicationDbContext context, IOutboundDeliverySignal delivery, IConversationNotifier notifier,
    TimeProvider time) : ICommandHandler<RetryMessageDeliveryCommand, MessageDto>
{
    public async ValueTask<MessageDto> Handle(RetryMessageDeliveryCommand command, CancellationToken cancellationToken)
    {
        var message = await context.Messages.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such message.");
        message.RetryDelivery(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        delivery.MessagesQueued();
        await notifier.MessageUpdatedAsync(message.TenantId, message.ToDto(), cancellationToken);
        return message.ToDto();
    }
}
