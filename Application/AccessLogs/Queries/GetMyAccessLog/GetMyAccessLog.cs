using VirtuOps.Application.Common.Models;

namespace VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

/// <summary>The signed-in user pages through their own access log, newest first.</summary>
[Authorize]
public sealed record GetMyAccessLogQuery(int PageNumber = 1, int PageSize = 20) : IQuery<PaginatedList<AccessLogEntryDto>>;

public sealed class GetMyAccessLogQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetMyAccessLogQuery, PaginatedList<AccessLogEntryDto>>
{
    public async ValueTask<PaginatedList<AccessLogEntryDto>> Handle(GetMyAccessLogQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        return await context.AccessLogs
            .AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .ProjectToDto()
            .ToPaginatedListAsync(query.PageNumber, query.PageSize, cancellationToken);
    }
}
