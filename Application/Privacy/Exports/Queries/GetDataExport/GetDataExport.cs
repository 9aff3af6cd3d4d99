using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Privacy.Exports.Queries.GetDataExport;

/// <summary>One of the caller's own exports; anybody else's is not found.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetDataExportQuery(Guid Id) : IQuery<DataExportDto>;

public sealed class GetDataExportQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetDataExportQuery, DataExportDto>
{
    public async ValueTask<DataExportDto> Handle(GetDataExportQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var export = await context.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == query.Id && e.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("No such export.");
        return DataExportDto.From(export);
    }
}
