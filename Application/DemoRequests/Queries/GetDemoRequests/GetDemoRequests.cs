using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.DemoRequests.Queries.GetDemoRequests;

/// <summary>Platform staff page through demo requests, newest first.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetDemoRequestsQuery(int PageNumber = 1, int PageSize = 20) : IQuery<PaginatedList<DemoRequestDto>>;

public sealed class GetDemoRequestsQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetDemoRequestsQuery, PaginatedList<DemoRequestDto>>
{
    public async ValueTask<PaginatedList<DemoRequestDto>> Handle(GetDemoRequestsQuery query, CancellationToken cancellationToken)
    {
        return await context.DemoRequests
            .AsNoTracking()
            .OrderByDescending(r => r.Created)
            .ThenByDescending(r => r.Id)
            .ProjectToDto()
            .ToPaginatedListAsync(query.PageNumber, query.PageSize, cancellationToken);
    }
}
