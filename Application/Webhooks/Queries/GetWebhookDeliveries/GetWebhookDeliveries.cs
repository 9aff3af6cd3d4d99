using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Queries.GetWebhookDeliveries;

/// <summary>A subscription's delivery log, newest first, a cursor page at a time: each event with its attempts, last response code and duration.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetWebhookDeliveriesQuery(Guid SubscriptionId, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<WebhookDeliveryDto>>;

public sealed record WebhookDeliveryDto(
    Guid Id,
    Guid EventId,
    string EventType,
    DateTimeOffset CreatedAt,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    int? LastResponseCode,
    int? LastDurationMs,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt);

public sealed class GetWebhookDeliveriesQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetWebhookDeliveriesQuery, CursorPage<WebhookDeliveryDto>>
{
    public async ValueTask<CursorPage<WebhookDeliveryDto>> Handle(GetWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await context.WebhookSubscriptions.AnyAsync(s => s.Id == query.SubscriptionId, cancellationToken))
            throw new NotFoundException("No such webhook subscription.");
        var deliveries = context.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.SubscriptionId);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            deliveries = deliveries.Where(d => d.CreatedAt < after.At || (d.CreatedAt == after.At && d.Id.CompareTo(after.Id) < 0));
        return await deliveries
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Select(d => new WebhookDeliveryDto(d.Id, d.EventId, d.EventType, d.CreatedAt, d.Status, d.Attempts, d.LastAttemptAt, d.LastResponseCode,
                d.LastDurationMs, d.LastError, d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt))
            .ToCursorPageAsync(query.Limit, d => new KeysetCursor(d.CreatedAt, d.Id), cancellationToken);
    }
}

public sealed class GetWebhookDeliveriesQueryValidator : AbstractValidator<GetWebhookDeliveriesQuery>
{
    public GetWebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
