using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Webhooks.Queries.GetWebhookSubscriptions;

/// <summary>The tenant's webhook subscriptions, oldest first; never their secrets.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetWebhookSubscriptionsQuery : IQuery<IReadOnlyList<WebhookSubscriptionDto>>;

public sealed class GetWebhookSubscriptionsQueryHandler(IApplicationDbContext context, TimeProvider time)
    : IQueryHandler<GetWebhookSubscriptionsQuery, IReadOnlyList<WebhookSubscriptionDto>>
{
    public async ValueTask<IReadOnlyList<WebhookSubscriptionDto>> Handle(GetWebhookSubscriptionsQuery query, CancellationToken cancellationToken)
    {
        var subscriptions = await context.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Created).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return subscriptions.Select(s => s.ToDto(now)).ToList();
    }
}
