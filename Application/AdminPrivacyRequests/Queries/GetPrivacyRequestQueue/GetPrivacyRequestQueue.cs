using VirtuOps.Domain.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.AdminPrivacyRequests.Queries.GetPrivacyRequestQueue;

/// <summary>
/// The data-subject requests platform staff answer: the open ones (or all), oldest first, so the overdue and the next to
/// fall due lead; each with the business days left until it is due (negative: overdue by that many). A page at a time.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetPrivacyRequestQueueQuery(bool IncludeClosed = false, Guid? Cursor = null, int PageSize = 50)
    : IQuery<GuidCursorPage<QueuedPrivacyRequestDto>>;

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
    : IQueryHandler<GetPrivacyRequestQueueQuery, GuidCursorPage<QueuedPrivacyRequestDto>>
{
    public async ValueTask<GuidCursorPage<QueuedPrivacyRequestDto>> Handle(GetPrivacyRequestQueueQuery query, CancellationToken cancellationToken)
    {
        var requests = context.PrivacyRequests.AsNoTracking();
        if (!query.IncludeClosed)
            requests = requests.Where(r => r.Status == PrivacyRequestStatus.Received || r.Status == PrivacyRequestStatus.InProgress);
        if (query.Cursor is { } cursor)
            requests = requests.Where(r => r.Id.CompareTo(cursor) > 0);
        // Version 7 ids sort by arrival, and the due date is a fixed number of business days after it.
        var page = await requests.OrderBy(r => r.Id).Take(query.PageSize + 1).ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        var items = page.Take(query.PageSize).Select(r => new QueuedPrivacyRequestDto(
            r.Id, r.Kind, r.Status, r.TenantId, r.UserId, r.Email, r.Text, r.ReceivedAt, r.DueAt,
            calendar.BusinessDaysBetween(now, r.DueAt), r.IsOpen && now > r.DueAt, r.AssignedToUserId, r.Answer, r.AnsweredAt)).ToList();
        return new GuidCursorPage<QueuedPrivacyRequestDto>(items, page.Count > query.PageSize ? items[^1].Id : null);
    }
}

public sealed class GetPrivacyRequestQueueQueryValidator : AbstractValidator<GetPrivacyRequestQueueQuery>
{
    public GetPrivacyRequestQueueQueryValidator() => RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
}
