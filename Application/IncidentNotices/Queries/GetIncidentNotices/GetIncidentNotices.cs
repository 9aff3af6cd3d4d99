using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.IncidentNotices.Queries.GetIncidentNotices;

/// <summary>The security incident notices the owner has not acknowledged yet: the SPA shows each as a banner.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetIncidentNoticesQuery : IQuery<IReadOnlyList<IncidentNoticeDto>>;

public sealed record IncidentNoticeDto(Guid Id, string Title, string Description, DateTimeOffset DiscoveredAt,
    IReadOnlyList<IncidentDataCategories> DataCategories, DateTimeOffset NotifiedAt);

public sealed class GetIncidentNoticesQueryHandler(IApplicationDbContext context) : IQueryHandler<GetIncidentNoticesQuery, IReadOnlyList<IncidentNoticeDto>>
{
    public async ValueTask<IReadOnlyList<IncidentNoticeDto>> Handle(GetIncidentNoticesQuery query, CancellationToken cancellationToken)
    {
        var notices = await (from n in context.IncidentNotices.AsNoTracking()
                             join i in context.Incidents on n.IncidentId equals i.Id
                             where n.AcknowledgedAt == null
                             orderby n.Created
                             select new { n.Id, i.Title, i.Description, i.DiscoveredAt, i.DataCategories, n.Created })
            .ToListAsync(cancellationToken);
        return notices.Select(n => new IncidentNoticeDto(n.Id, n.Title, n.Description, n.DiscoveredAt, IncidentProjections.Split(n.DataCategories), n.Created))
            .ToList();
    }
}
