using VirtuOps.Application.PrivacyRequests.Common;

namespace VirtuOps.Application.PrivacyRequests.Queries.GetMyPrivacyRequests;

/// <summary>The signed-in user's own data-subject requests, newest first, each with its due date and status.</summary>
[Authorize]
public sealed record GetMyPrivacyRequestsQuery : IQuery<IReadOnlyList<PrivacyRequestDto>>;

public sealed class GetMyPrivacyRequestsQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetMyPrivacyRequestsQuery, IReadOnlyList<PrivacyRequestDto>>
{
    public async ValueTask<IReadOnlyList<PrivacyRequestDto>> Handle(GetMyPrivacyRequestsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var requests = await context.PrivacyRequests.AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.Id) // version 7 ids sort by creation time
            .ToListAsync(cancellationToken);
        return requests.Select(PrivacyRequestDto.From).ToList();
    }
}
