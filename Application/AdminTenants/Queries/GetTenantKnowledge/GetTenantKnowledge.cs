using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminTenants.Queries.GetTenantKnowledge;

/// <summary>The knowledge of all a tenant's bots, newest first, for staff while the owner's access grant runs (403 otherwise).</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetTenantKnowledgeQuery(Guid TenantId, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<KnowledgeEntryDto>>;

public sealed class GetTenantKnowledgeQueryHandler(IApplicationDbContext context, CustomerDataAccess access)
    : IQueryHandler<GetTenantKnowledgeQuery, CursorPage<KnowledgeEntryDto>>
{
    public async ValueTask<CursorPage<KnowledgeEntryDto>> Handle(GetTenantKnowledgeQuery query, CancellationToken cancellationToken)
    {
        await access.BeginAsync(query.TenantId, cancellationToken);
        var entries = context.KnowledgeEntries.AsNoTracking();
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            entries = entries.Where(k => k.Created < after.At || (k.Created == after.At && k.Id.CompareTo(after.Id) < 0));
        var page = await entries
            .OrderByDescending(k => k.Created).ThenByDescending(k => k.Id)
            .ToCursorPageAsync(query.Limit, k => new KeysetCursor(k.Created, k.Id), cancellationToken);
        return new CursorPage<KnowledgeEntryDto>(page.Items.Select(k => k.ToDto()).ToList(), page.NextCursor);
    }
}

public sealed class GetTenantKnowledgeQueryValidator : AbstractValidator<GetTenantKnowledgeQuery>
{
    public GetTenantKnowledgeQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
