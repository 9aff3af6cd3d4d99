using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Queries.GetKnowledgeEntries;

/// <summary>A bot's knowledge, newest first, with a text search over questions and answers.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetKnowledgeEntriesQuery(Guid BotId, string? Search = null, int PageNumber = 1, int PageSize = 50)
    : IQuery<PaginatedList<KnowledgeEntryDto>>;

public sealed class GetKnowledgeEntriesQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetKnowledgeEntriesQuery, PaginatedList<KnowledgeEntryDto>>
{
    public async ValueTask<PaginatedList<KnowledgeEntryDto>> Handle(GetKnowledgeEntriesQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Bots.AnyAsync(b => b.Id == query.BotId, cancellationToken))
            throw new NotFoundException("No such bot.");

        var entries = context.KnowledgeEntries.AsNoTracking().Where(k => k.BotId == query.BotId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            entries = entries.Where(k => k.Answer.Contains(term) || k.Questions.Any(q => q.Contains(term)));
        }

        var page = await entries.OrderByDescending(k => k.Created).ThenByDescending(k => k.Id)
            .ToPaginatedListAsync(query.PageNumber, query.PageSize, cancellationToken);
        return new PaginatedList<KnowledgeEntryDto>(page.Items.Select(k => k.ToDto()).ToList(), page.TotalCount, page.PageNumber, page.PageSize);
    }
}

public sealed class GetKnowledgeEntriesQueryValidator : AbstractValidator<GetKnowledgeEntriesQuery>
{
    public GetKnowledgeEntriesQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(200);
        RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}
