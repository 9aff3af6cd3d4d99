using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Commands.DeleteBot;

/// <summary>Deletes a bot with its knowledge and conversations (the message history goes with it).</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record DeleteBotCommand(Guid Id) : ICommand;

public sealed class DeleteBotCommandHandler(IApplicationDbContext context) : ICommandHandler<DeleteBotCommand>
{
    public async ValueTask<Unit> Handle(DeleteBotCommand command, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such bot.");
        context.Bots.Remove(bot);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
