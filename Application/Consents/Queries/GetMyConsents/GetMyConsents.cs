using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Consents.Queries.GetMyConsents;

/// <summary>The signed-in user's whole consent history, newest first.</summary>
[Authorize]
public sealed record GetMyConsentsQuery : IQuery<IReadOnlyList<ConsentRecordDto>>;

public sealed record ConsentRecordDto(
    Guid Id,
    ConsentKind Kind,
    ConsentAction Action,
    string DocumentVersion,
    DateTimeOffset OccurredAt,
    string? IpAddress,
    string? UserAgent,
    string? Effect);

public sealed class GetMyConsentsQueryHandler(ICurrentUser currentUser, IApplicationDbContext context)
    : IQueryHandler<GetMyConsentsQuery, IReadOnlyList<ConsentRecordDto>>
{
    public async ValueTask<IReadOnlyList<ConsentRecordDto>> Handle(GetMyConsentsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        return await context.ConsentRecords
            .AsNoTracking()
            .Where(c => c.UserId == userId)
            .OrderByDescending(c => c.OccurredAt)
            .ThenByDescending(c => c.Id)
            .Select(c => new ConsentRecordDto(c.Id, c.Kind, c.Action, c.DocumentVersion, c.OccurredAt, c.IpAddress, c.UserAgent, c.Effect))
            .ToListAsync(cancellationToken);
    }
}
