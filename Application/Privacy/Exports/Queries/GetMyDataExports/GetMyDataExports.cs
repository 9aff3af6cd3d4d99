using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Privacy.Exports.Queries.GetMyDataExports;

/// <summary>The caller's exports not yet deleted (at most a few: each is kept 7 days), newest first.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetMyDataExportsQuery : IQuery<IReadOnlyList<DataExportDto>>;

public sealed class GetMyDataExportsQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetMyDataExportsQuery, IReadOnlyList<DataExportDto>>
{
    public async ValueTask<IReadOnlyList<DataExportDto>> Handle(GetMyDataExportsQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var exports = await context.DataExports.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
        return exports.Select(DataExportDto.From).ToList();
    }
}
