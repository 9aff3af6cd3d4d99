using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Widget.Common;

namespace VirtuOps.Application.Widget.Commands.RequestHuman;

/// <summary>The visitor pressed "talk to a person": the conversation waits for an agent.</summary>
public sealed record RequestHumanCommand(string WidgetKey, string? Origin, string VisitorId) : ICommand<MessageDto?>;

public sealed class RequestHumanCommandHandler(WidgetAccess access, ConversationFlow flow) : ICommandHandler<RequestHumanCommand, MessageDto?>
{
    public async ValueTask<MessageDto?> Handle(RequestHumanCommand command, CancellationToken cancellationToken)
    {
        var bot = await access.OpenAsync(command.WidgetKey, command.Origin, cancellationToken);
        var visitor = await access.FindVisitorAsync(command.VisitorId, cancellationToken)
            ?? throw new NotFoundException("Write a message first.");
        return await flow.RequestHumanAsync(bot, visitor, cancellationToken);
    }
}

public sealed class RequestHumanCommandValidator : AbstractValidator<RequestHumanCommand>
{
    public RequestHumanCommandValidator() => RuleFor(c => c.VisitorId).VisitorId();
}
