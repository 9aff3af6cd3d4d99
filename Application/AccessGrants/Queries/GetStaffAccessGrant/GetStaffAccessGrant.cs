using VirtuOps.Application.AccessGrants.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AccessGrants.Queries.GetStaffAccessGrant;

/// <summary>The grant running now, shown to the owner on the Security page; none when staff have no access.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetStaffAccessGrantQuery : IQuery<StaffAccessDto>;

public sealed class GetStaffAccessGrantQueryHandler(IApplicationDbContext context, TimeProvider time)
    : IQueryHandler<GetStaffAccessGrantQuery, StaffAccessDto>
{
    public async ValueTask<StaffAccessDto> Handle(GetStaffAccessGrantQuery query, CancellationToken cancellationToken)
    {
        var grant = await context.StaffAccessGrants.AsNoTracking().ActiveAt(time.GetUtcNow()).FirstOrDefaultAsync(cancellationToken);
        return new StaffAccessDto(grant?.ToDto());
    }
}
