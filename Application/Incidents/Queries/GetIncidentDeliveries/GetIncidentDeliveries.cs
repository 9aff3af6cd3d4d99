using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Incidents.Queries.GetIncidentDeliveries;

/// <summary>The notice of an incident tenant by tenant: e-mailed when, acknowledged when. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetIncidentDeliveriesQuery(Guid Id, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<IncidentNoticeDeliveryDto>>;

public sealed record IncidentNoticeDeliveryDto(Guid TenantId, string TenantName, DateTimeOffset CreatedAt, DateTimeOffset? EmailedAt, DateTimeOffset? AcknowledgedAt);

public sealed class GetIncidentDeliveriesQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetIncidentDeliveriesQuery, CursorPage<IncidentNoticeDeliveryDto>>
{
    public async ValueTask<CursorPage<IncidentNoticeDeliveryDto>> Handle(GetIncidentDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Incidents.AnyAsync(i => i.Id == query.Id, cancellationToken))
            throw new NotFoundException("No such incident.");
        // Staff have no tenant: the notices are read across tenants, by incident.
        var notices = context.IncidentNotices.IgnoreQueryFilters().AsNoTracking().Where(n => n.IncidentId == query.Id);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            notices = notices.Where(n => n.Created < after.At || (n.Created == after.At && n.Id.CompareTo(after.Id) < 0));
        var page = await (from n in notices
                          join t in context.Tenants on n.TenantId equals t.Id
                          orderby n.Created descending, n.Id descending
                          select new { n.Id, n.TenantId, t.Name, n.Created, n.EmailedAt, n.AcknowledgedAt })
            .ToCursorPageAsync(query.Limit, n => new KeysetCursor(n.Created, n.Id), cancellationToken);
        return new CursorPage<IncidentNoticeDeliveryDto>(
            page.Items.Select(n => new IncidentNoticeDeliveryDto(n.TenantId, n.Name, n.Created, n.EmailedAt, n.AcknowledgedAt)).ToList(), page.NextCursor);
    }
}

public sealed class GetIncidentDeliveriesQueryValidator : AbstractValidator<GetIncidentDeliveriesQuery>
{
    public GetIncidentDeliveriesQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
