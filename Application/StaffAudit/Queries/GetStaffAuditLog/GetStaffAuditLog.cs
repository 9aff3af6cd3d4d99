using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.StaffAudit;

namespace VirtuOps.Application.StaffAudit.Queries.GetStaffAuditLog;

/// <summary>
/// Admins page through the staff audit log, newest first, optionally only one tenant's, one caller's, one operation's
/// (its method and route, or the start of it) or a time span's entries.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetStaffAuditLogQuery(
    string? Cursor = null,
    int Limit = KeysetCursor.DefaultLimit,
    Guid? TenantId = null,
    Guid? ActorUserId = null,
    string? Operation = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null) : IQuery<CursorPage<StaffAuditEntryDto>>;

public sealed record StaffAuditEntryDto(
    long Id,
    DateTimeOffset OccurredAt,
    Guid? ActorUserId,
    string ActorRole,
    string Operation,
    string Path,
    Guid? TenantId,
    string? Reason,
    int StatusCode);

public sealed class GetStaffAuditLogQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetStaffAuditLogQuery, CursorPage<StaffAuditEntryDto>>
{
    public async ValueTask<CursorPage<StaffAuditEntryDto>> Handle(GetStaffAuditLogQuery query, CancellationToken cancellationToken)
    {
        var entries = context.StaffAuditLog.AsNoTracking();
        if (SequenceCursor.Decode(query.Cursor) is { } after)
            entries = entries.Where(e => e.Id < after.Id);
        if (query.TenantId is { } tenantId)
            entries = entries.Where(e => e.TenantId == tenantId);
        if (query.ActorUserId is { } actorUserId)
            entries = entries.Where(e => e.ActorUserId == actorUserId);
        if (!string.IsNullOrWhiteSpace(query.Operation))
        {
            var operation = query.Operation.Trim();
            entries = entries.Where(e => e.Operation.StartsWith(operation));
        }
        if (query.From is { } from)
            entries = entries.Where(e => e.OccurredAt >= from);
        if (query.To is { } to)
            entries = entries.Where(e => e.OccurredAt < to);

        // One row more than the page tells whether another page follows.
        var rows = await entries
            .OrderByDescending(e => e.Id)
            .Take(query.Limit + 1)
            .Select(e => new StaffAuditEntryDto(e.Id, e.OccurredAt, e.ActorUserId, e.ActorRole, e.Operation, e.Path, e.TenantId, e.Reason, e.StatusCode))
            .ToListAsync(cancellationToken);
        return rows.Count > query.Limit
            ? new CursorPage<StaffAuditEntryDto>(rows[..query.Limit], new SequenceCursor(rows[query.Limit - 1].Id).Encode())
            : new CursorPage<StaffAuditEntryDto>(rows, null);
    }
}

public sealed class GetStaffAuditLogQueryValidator : AbstractValidator<GetStaffAuditLogQuery>
{
    public GetStaffAuditLogQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeSequenceCursor();
        RuleFor(q => q.Limit).MustBeLimit();
        RuleFor(q => q.Operation).MaximumLength(StaffAuditEntry.OperationMaxLength);
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null);
    }
}
