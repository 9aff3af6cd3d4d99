using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.StaffAudit.Queries.GetPlatformAccess;

/// <summary>
/// "Who from the platform looked at my data": the owner pages through the staff audit entries about their tenant,
/// newest first. Staff are named by role only; the reason and the outcome are shown as recorded.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetPlatformAccessQuery(string? Cursor = null, int Limit = KeysetCursor.DefaultLimit) : IQuery<CursorPage<PlatformAccessDto>>;

public sealed record PlatformAccessDto(long Id, DateTimeOffset OccurredAt, string StaffRole, string Operation, string? Reason, int StatusCode);

public sealed class GetPlatformAccessQueryHandler(IApplicationDbContext context, ICurrentUser currentUser)
    : IQueryHandler<GetPlatformAccessQuery, CursorPage<PlatformAccessDto>>
{
    private static readonly string[] StaffRoles = [Roles.Admin, Roles.Support];

    public async ValueTask<CursorPage<PlatformAccessDto>> Handle(GetPlatformAccessQuery query, CancellationToken cancellationToken)
    {
        var tenantId = currentUser.TenantId ?? throw new ForbiddenAccessException();
        var entries = context.StaffAuditLog.AsNoTracking().Where(e => e.TenantId == tenantId && StaffRoles.Contains(e.ActorRole));
        if (SequenceCursor.Decode(query.Cursor) is { } after)
            entries = entries.Where(e => e.Id < after.Id);

        var rows = await entries
            .OrderByDescending(e => e.Id)
            .Take(query.Limit + 1)
            .Select(e => new PlatformAccessDto(e.Id, e.OccurredAt, e.ActorRole, e.Operation, e.Reason, e.StatusCode))
            .ToListAsync(cancellationToken);
        return rows.Count > query.Limit
            ? new CursorPage<PlatformAccessDto>(rows[..query.Limit], new SequenceCursor(rows[query.Limit - 1].Id).Encode())
            : new CursorPage<PlatformAccessDto>(rows, null);
    }
}

public sealed class GetPlatformAccessQueryValidator : AbstractValidator<GetPlatformAccessQuery>
{
    public GetPlatformAccessQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeSequenceCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
