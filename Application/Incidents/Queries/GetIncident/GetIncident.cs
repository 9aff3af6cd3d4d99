using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Incidents.Queries.GetIncident;

/// <summary>One incident with its timeline and how far the notice has gone. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetIncidentQuery(Guid Id) : IQuery<IncidentDto>;

public sealed class GetIncidentQueryHandler(IApplicationDbContext context) : IQueryHandler<GetIncidentQuery, IncidentDto>
{
    public async ValueTask<IncidentDto> Handle(GetIncidentQuery query, CancellationToken cancellationToken)
    {
        var incident = await context.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("No such incident.");
        return await incident.ToDtoAsync(context, cancellationToken);
    }
}
