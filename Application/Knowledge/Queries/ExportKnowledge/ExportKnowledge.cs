using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Queries.ExportKnowledge;

/// <summary>All of a bot's knowledge as CSV, in the format the import reads.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record ExportKnowledgeQuery(Guid BotId) : IQuery<string>;

public sealed class ExportKnowledgeQueryHandler(IApplicationDbContext context) : IQueryHandler<ExportKnowledgeQuery, string>
{
    public async ValueTask<string> Handle(ExportKnowledgeQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Bots.AnyAsync(b => b.Id == query.BotId, cancellationToken))
            throw new NotFoundException("No such bot.");
        var entries = await context.KnowledgeEntries.AsNoTracking()
            .Where(k => k.BotId == query.BotId)
            .OrderBy(k => k.Created)
            .Select(k => new { k.Questions, k.Answer })
            .ToListAsync(cancellationToken);
        return KnowledgeCsv.Write(entries.Select(e => ((IReadOnlyList<string>)e.Questions, e.Answer)));
    }
}
