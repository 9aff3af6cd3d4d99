using VirtuOps.Application.Common.Concurrency;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Commands.DeleteBot;

/// <summary>
/// Deletes a bot with its knowledge and conversations (the message history goes with it); with <paramref name="IfMatch"/>
/// only the version the caller saw.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record DeleteBotCommand(Guid Id, string? IfMatch = null) : ICommand;

public sealed class DeleteBotCommandHandler(IApplicationDbContext context) : ICommandHandler<DeleteBotCommand>
{
    public async ValueTask<Unit> Handle(DeleteBotCommand command, CancellationToken cancellationToken)
    {
        var bot = await context.Bots.SingleOrDefaultAsync(b => b.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such bot.");
        EntityTags.EnsureMatches(command.IfMatch, bot.Version);
        context.Bots.Remove(bot);
        await context.SaveChangesIfUnchangedAsync(command.IfMatch, cancellationToken);
        return Unit.Value;
    }
}
