using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Incidents.Queries.GetIncidents;

/// <summary>Incidents, most recently recorded first. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetIncidentsQuery(string? Cursor = null, int Limit = KeysetCursor.DefaultLimit) : IQuery<CursorPage<IncidentListItemDto>>;

public sealed class GetIncidentsQueryHandler(IApplicationDbContext context) : IQueryHandler<GetIncidentsQuery, CursorPage<IncidentListItemDto>>
{
    public async ValueTask<CursorPage<IncidentListItemDto>> Handle(GetIncidentsQuery query, CancellationToken cancellationToken)
    {
        var incidents = context.Incidents.AsNoTracking();
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            incidents = incidents.Where(i => i.Created < after.At || (i.Created == after.At && i.Id.CompareTo(after.Id) < 0));
        var page = await incidents
            .OrderByDescending(i => i.Created).ThenByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.DiscoveredAt, i.Created, i.AssessedAt, i.NotifiedAt, i.ClosedAt })
            .ToCursorPageAsync(query.Limit, i => new KeysetCursor(i.Created, i.Id), cancellationToken);
        return new CursorPage<IncidentListItemDto>(
            page.Items.Select(i => new IncidentListItemDto(i.Id, i.Title, i.DiscoveredAt, i.Created, IncidentProjections.StageOf(i.AssessedAt, i.NotifiedAt, i.ClosedAt))).ToList(),
            page.NextCursor);
    }
}

public sealed class GetIncidentsQueryValidator : AbstractValidator<GetIncidentsQuery>
{
    public GetIncidentsQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
