namespace VirtuOps.Application.Sessions.Queries.GetMySessions;

/// <summary>The user's sign-ins, newest first: active sessions (the current one marked) and ended ones.</summary>
[Authorize]
public sealed record GetMySessionsQuery(int Take = 50) : IQuery<IReadOnlyList<SessionDto>>;

public sealed record SessionDto(
    Guid Id,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? EndedAt,
    string? IpAddress,
    string? UserAgent,
    bool IsCurrent);

public sealed class GetMySessionsQueryHandler(ICurrentUser currentUser, IApplicationDbContext context)
    : IQueryHandler<GetMySessionsQuery, IReadOnlyList<SessionDto>>
{
    public async ValueTask<IReadOnlyList<SessionDto>> Handle(GetMySessionsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var current = currentUser.SessionId;
        return await context.UserSessions
            .AsNoTracking()
            .Where(s => s.UserId == userId)
            .OrderByDescending(s => s.CreatedAt)
            .Take(query.Take)
            .Select(s => new SessionDto(s.Id, s.CreatedAt, s.LastSeenAt, s.EndedAt, s.IpAddress, s.UserAgent, s.Id == current))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetMySessionsQueryValidator : AbstractValidator<GetMySessionsQuery>
{
    public GetMySessionsQueryValidator() => RuleFor(q => q.Take).InclusiveBetween(1, 200);
}
