using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Queries.GetKnowledgeEntry;

/// <summary>One knowledge entry, with the version a conditional update names.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetKnowledgeEntryQuery(Guid Id) : IQuery<KnowledgeEntryDto>;

public sealed class GetKnowledgeEntryQueryHandler(IApplicationDbContext context) : IQueryHandler<GetKnowledgeEntryQuery, KnowledgeEntryDto>
{
    public async ValueTask<KnowledgeEntryDto> Handle(GetKnowledgeEntryQuery query, CancellationToken cancellationToken) =>
        (await context.KnowledgeEntries.AsNoTracking().SingleOrDefaultAsync(k => k.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("No such entry.")).ToDto();
}
