using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Widget.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Inbox.Commands.ReplyToConversation;

/// <summary>An agent replies; the bot stays quiet in this conversation until it is handed back.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record ReplyToConversationCommand(Guid Id, string Text) : ICommand<MessageDto>;

public sealed class ReplyToConversationCommandHandler(IApplicationDbContext context, ICurrentUser currentUser, ConversationFlow flow,
    IOutboundDeliverySignal delivery, TimeProvider time)
    : ICommandHandler<ReplyToConversationCommand, MessageDto>
{
    public async ValueTask<MessageDto> Handle(ReplyToConversationCommand command, CancellationToken cancellationToken)
    {
        var conversation = await context.Conversations.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such conversation.");
        var reply = conversation.ReplyAsAgent(currentUser.UserId, command.Text.Trim(), time.GetUtcNow());
        context.Messages.Add(reply);
        await context.SaveChangesAsync(cancellationToken);
        if (reply.AwaitsDelivery)
            delivery.MessagesQueued();
        await flow.NotifyAsync(conversation, [reply.ToDto()], cancellationToken);
        return reply.ToDto();
    }
}

public sealed class ReplyToConversationCommandValidator : AbstractValidator<ReplyToConversationCommand>
{
    public ReplyToConversationCommandValidator() => RuleFor(c => c.Text).ChatText();
}
