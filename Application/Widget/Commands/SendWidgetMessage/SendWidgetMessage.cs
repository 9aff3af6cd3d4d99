using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Widget.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Widget.Commands.SendWidgetMessage;

/// <summary>A website visitor writes to the bot; the answer (if the bot has the conversation) comes back at once.</summary>
public sealed record SendWidgetMessageCommand(string WidgetKey, string? Origin, string VisitorId, string Text, string? ClientMessageId)
    : ICommand<WidgetReplyDto>;

public sealed record WidgetReplyDto(Guid ConversationId, ConversationStatus Status, MessageDto Received, MessageDto? Reply);

public sealed class SendWidgetMessageCommandHandler(WidgetAccess access, ConversationFlow flow) : ICommandHandler<SendWidgetMessageCommand, WidgetReplyDto>
{
    public async ValueTask<WidgetReplyDto> Handle(SendWidgetMessageCommand command, CancellationToken cancellationToken)
    {
        var bot = await access.OpenAsync(command.WidgetKey, command.Origin, cancellationToken);
        var visitor = await access.VisitorAsync(bot, command.VisitorId, cancellationToken);
        var result = await flow.ReceiveAsync(bot, visitor, command.Text.Trim(), command.ClientMessageId, cancellationToken);
        return new WidgetReplyDto(result.ConversationId, result.Status, result.Received, result.Reply);
    }
}

public sealed class SendWidgetMessageCommandValidator : AbstractValidator<SendWidgetMessageCommand>
{
    public SendWidgetMessageCommandValidator()
    {
        RuleFor(c => c.VisitorId).VisitorId();
        RuleFor(c => c.Text).ChatText();
        RuleFor(c => c.ClientMessageId).MaximumLength(Message.ClientMessageIdMaxLength);
    }
}
