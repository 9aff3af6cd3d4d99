using VirtuOps.Domain.Common;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Queries.GetWebhookDeliveries;

/// <summary>A subscription's delivery log, newest first: each event with its attempts, last response code and duration.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetWebhookDeliveriesQuery(Guid SubscriptionId, int? Limit) : IQuery<IReadOnlyList<WebhookDeliveryDto>>;

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
    : IQueryHandler<GetWebhookDeliveriesQuery, IReadOnlyList<WebhookDeliveryDto>>
{
    public const int DefaultLimit = 50;

    public async ValueTask<IReadOnlyList<WebhookDeliveryDto>> Handle(GetWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await context.WebhookSubscriptions.AnyAsync(s => s.Id == query.SubscriptionId, cancellationToken))
            throw new NotFoundException("No such webhook subscription.");
        return await context.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == query.SubscriptionId)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Sequence)
            .Take(query.Limit ?? DefaultLimit)
            .Select(d => new WebhookDeliveryDto(d.Id, d.EventId, d.EventType, d.CreatedAt, d.Status, d.Attempts, d.LastAttemptAt, d.LastResponseCode,
                d.LastDurationMs, d.LastError, d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetWebhookDeliveriesQueryValidator : AbstractValidator<GetWebhookDeliveriesQuery>
{
    public GetWebhookDeliveriesQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 200);
}
