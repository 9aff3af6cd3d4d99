using VirtuOps.Application.Common.Concurrency;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Commands.DeleteKnowledgeEntry;

/// <summary>Deletes an entry; with <paramref name="IfMatch"/> only the version the caller saw.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record DeleteKnowledgeEntryCommand(Guid Id, string? IfMatch = null) : ICommand;

public sealed class DeleteKnowledgeEntryCommandHandler(IApplicationDbContext context) : ICommandHandler<DeleteKnowledgeEntryCommand>
{
    public async ValueTask<Unit> Handle(DeleteKnowledgeEntryCommand command, CancellationToken cancellationToken)
    {
        var entry = await context.KnowledgeEntries.SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken) ?? throw new NotFoundException("No such entry.");
        var bot = await context.Bots.SingleAsync(b => b.Id == entry.BotId, cancellationToken);
        EntityTags.EnsureMatches(command.IfMatch, entry.Version);
        context.KnowledgeEntries.Remove(entry);
        bot.KnowledgeChanged();
        await context.SaveChangesIfUnchangedAsync(command.IfMatch, cancellationToken);
        return Unit.Value;
    }
}
