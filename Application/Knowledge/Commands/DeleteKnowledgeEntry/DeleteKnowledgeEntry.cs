using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Commands.DeleteKnowledgeEntry;

[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record DeleteKnowledgeEntryCommand(Guid Id) : ICommand;

public sealed class DeleteKnowledgeEntryCommandHandler(IApplicationDbContext context) : ICommandHandler<DeleteKnowledgeEntryCommand>
{
    public async ValueTask<Unit> Handle(DeleteKnowledgeEntryCommand command, CancellationToken cancellationToken)
    {
        var entry = await context.KnowledgeEntries.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such entry.");
        var bot = await context.Bots.SingleAsync(b => b.Id == entry.BotId, cancellationToken);
        context.KnowledgeEntries.Remove(entry);
        bot.KnowledgeChanged();
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
