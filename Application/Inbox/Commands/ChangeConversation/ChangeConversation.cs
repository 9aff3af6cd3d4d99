using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Inbox.Commands.ChangeConversation;

public enum ConversationChange
{
    HandBackToBot = 0,
    Close = 1,
    Reopen = 2,
    MarkRead = 3,
}

/// <summary>An agent hands a conversation back to the bot, closes or reopens it, or marks it read.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record ChangeConversationCommand(Guid Id, ConversationChange Change) : ICommand<ConversationSummaryDto>;

public sealed class ChangeConversationCommandHandler(IApplicationDbContext context, IConversationNotifier notifier)
    : ICommandHandler<ChangeConversationCommand, ConversationSummaryDto>
{
    public async ValueTask<ConversationSummaryDto> Handle(ChangeConversationCommand command, CancellationToken cancellationToken)
    {
        var conversation = await context.Conversations.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such conversation.");
        Apply(conversation, command.Change);
        await context.SaveChangesAsync(cancellationToken);

        var summary = await context.SummaryAsync(conversation.Id, cancellationToken);
        await notifier.ConversationChangedAsync(conversation.TenantId, summary, cancellationToken);
        return summary;
    }

    private static void Apply(Conversation conversation, ConversationChange change)
    {
        switch (change)
        {
            case ConversationChange.HandBackToBot:
                conversation.HandBackToBot();
                break;
            case ConversationChange.Close:
                conversation.Close();
                break;
            case ConversationChange.Reopen:
                conversation.Reopen();
                break;
            default:
                conversation.MarkRead();
                break;
        }
    }
}

public sealed class ChangeConversationCommandValidator : AbstractValidator<ChangeConversationCommand>
{
    public ChangeConversationCommandValidator() => RuleFor(c => c.Change).IsInEnum();
}
