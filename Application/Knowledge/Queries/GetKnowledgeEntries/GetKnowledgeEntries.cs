using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Knowledge.Queries.GetKnowledgeEntries;

/// <summary>A bot's knowledge, newest first, with a text search over questions and answers, a cursor page at a time.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetKnowledgeEntriesQuery(Guid BotId, string? Search = null, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<KnowledgeEntryDto>>;

public sealed class GetKnowledgeEntriesQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetKnowledgeEntriesQuery, CursorPage<KnowledgeEntryDto>>
{
    public async ValueTask<CursorPage<KnowledgeEntryDto>> Handle(GetKnowledgeEntriesQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Bots.AnyAsync(b => b.Id == query.BotId, cancellationToken))
            throw new NotFoundException("No such bot.");

        var entries = context.KnowledgeEntries.AsNoTracking().Where(k => k.BotId == query.BotId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            entries = entries.Where(k => k.Answer.Contains(term) || k.Questions.Any(q => q.Contains(term)));
        }

        if (KeysetCursor.Decode(query.Cursor) is { } after)
            entries = entries.Where(k => k.Created < after.At || (k.Created == after.At && k.Id.CompareTo(after.Id) < 0));

        // Mapped in memory: ToDto is a method call EF cannot translate.
        var page = await entries.OrderByDescending(k => k.Created).ThenByDescending(k => k.Id)
            .ToCursorPageAsync(query.Limit, k => new KeysetCursor(k.Created, k.Id), cancellationToken);
        return new CursorPage<KnowledgeEntryDto>(page.Items.Select(k => k.ToDto()).ToList(), page.NextCursor);
    }
}

public sealed class GetKnowledgeEntriesQueryValidator : AbstractValidator<GetKnowledgeEntriesQuery>
{
    public GetKnowledgeEntriesQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(200);
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
