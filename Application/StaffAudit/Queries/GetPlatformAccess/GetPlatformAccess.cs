using System.Globalization;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.StaffAudit.Queries.GetPlatformAccess;

/// <summary>
/// "Who from the platform looked at my data": the owner pages through the staff audit entries about their tenant,
/// newest first. Staff are named by role only; the reason and the outcome are shown as recorded.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetPlatformAccessQuery(long? Cursor = null, int PageSize = 50) : IQuery<CursorPage<PlatformAccessDto>>;

public sealed record PlatformAccessDto(long Id, DateTimeOffset OccurredAt, string StaffRole, string Operation, string? Reason, int StatusCode);

public sealed class GetPlatformAccessQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetPlatformAccessQuery, CursorPage<PlatformAccessDto>>
{
    private static readonly string[] StaffRoles = [Roles.Admin, Roles.Support];

    public async ValueTask<CursorPage<PlatformAccessDto>> Handle(GetPlatformAccessQuery query, CancellationToken cancellationToken)
    {
        var tenantId = currentUser.TenantId ?? throw new ForbiddenAccessException();
        var entries = context.StaffAuditLog.AsNoTracking().Where(e => e.TenantId == tenantId && StaffRoles.Contains(e.ActorRole));
        if (query.Cursor is { } cursor)
            entries = entries.Where(e => e.Id < cursor);

        var rows = await entries
            .OrderByDescending(e => e.Id)
            .Take(query.PageSize + 1)
            .Select(e => new PlatformAccessDto(e.Id, e.OccurredAt, e.ActorRole, e.Operation, e.Reason, e.StatusCode))
            .ToListAsync(cancellationToken);
        return rows.Count > query.PageSize
            ? new CursorPage<PlatformAccessDto>(rows[..query.PageSize], rows[query.PageSize - 1].Id.ToString(CultureInfo.InvariantCulture))
            : new CursorPage<PlatformAccessDto>(rows, null);
    }
}

public sealed class GetPlatformAccessQueryValidator : AbstractValidator<GetPlatformAccessQuery>
{
    public GetPlatformAccessQueryValidator()
    {
        RuleFor(q => q.Cursor).GreaterThan(0);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}
