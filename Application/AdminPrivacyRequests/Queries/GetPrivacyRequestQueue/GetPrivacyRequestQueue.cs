using VirtuOps.Domain.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.AdminPrivacyRequests.Queries.GetPrivacyRequestQueue;

/// <summary>
/// The data-subject requests platform staff answer: the open ones (or all), by due date, so the overdue and the next to
/// fall due lead; each with the business days left until it is due (negative: overdue by that many). A page at a time.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetPrivacyRequestQueueQuery(bool IncludeClosed = false, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<QueuedPrivacyRequestDto>>;

public sealed record QueuedPrivacyRequestDto(
    Guid Id,
    PrivacyRequestKind Kind,
    PrivacyRequestStatus Status,
    Guid? TenantId,
    Guid? UserId,
    string? Email,
    string? Text,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    int BusinessDaysLeft,
    bool Overdue,
    Guid? AssignedToUserId,
    string? Answer,
    DateTimeOffset? AnsweredAt);

public sealed class GetPrivacyRequestQueueQueryHandler(IApplicationDbContext context, BusinessCalendar calendar, TimeProvider time)
    : IQueryHandler<GetPrivacyRequestQueueQuery, CursorPage<QueuedPrivacyRequestDto>>
{
    public async ValueTask<CursorPage<QueuedPrivacyRequestDto>> Handle(GetPrivacyRequestQueueQuery query, CancellationToken cancellationToken)
    {
        var requests = context.PrivacyRequests.AsNoTracking();
        if (!query.IncludeClosed)
            requests = requests.Where(r => r.Status == PrivacyRequestStatus.Received || r.Status == PrivacyRequestStatus.InProgress);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            requests = requests.Where(r => r.DueAt > after.At || (r.DueAt == after.At && r.Id.CompareTo(after.Id) > 0));
        var page = await requests.OrderBy(r => r.DueAt).ThenBy(r => r.Id)
            .ToCursorPageAsync(query.Limit, r => new KeysetCursor(r.DueAt, r.Id), cancellationToken);

        var now = time.GetUtcNow();
        var items = page.Items.Select(r => new QueuedPrivacyRequestDto(
            r.Id, r.Kind, r.Status, r.TenantId, r.UserId, r.Email, r.Text, r.ReceivedAt, r.DueAt,
            calendar.BusinessDaysBetween(now, r.DueAt), r.IsOpen && now > r.DueAt, r.AssignedToUserId, r.Answer, r.AnsweredAt)).ToList();
        return new CursorPage<QueuedPrivacyRequestDto>(items, page.NextCursor);
    }
}

public sealed class GetPrivacyRequestQueueQueryValidator : AbstractValidator<GetPrivacyRequestQueueQuery>
{
    public GetPrivacyRequestQueueQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
