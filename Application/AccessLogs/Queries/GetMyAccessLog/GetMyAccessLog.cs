using VirtuOps.Application.Common.Models;

namespace VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

/// <summary>The signed-in user pages through their own access log, newest first, a cursor page at a time.</summary>
[Authorize]
public sealed record GetMyAccessLogQuery(string? Cursor = null, int Limit = KeysetCursor.DefaultLimit) : IQuery<CursorPage<AccessLogEntryDto>>;

public sealed class GetMyAccessLogQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetMyAccessLogQuery, CursorPage<AccessLogEntryDto>>
{
    public async ValueTask<CursorPage<AccessLogEntryDto>> Handle(GetMyAccessLogQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var entries = context.AccessLogs.AsNoTracking().Where(e => e.UserId == userId);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            entries = entries.Where(e => e.OccurredAt < after.At || (e.OccurredAt == after.At && e.Id.CompareTo(after.Id) < 0));
        return await entries
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .ProjectToDto()
            .ToCursorPageAsync(query.Limit, e => new KeysetCursor(e.OccurredAt, e.Id), cancellationToken);
    }
}
