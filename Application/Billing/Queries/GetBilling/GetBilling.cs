using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Queries.GetBilling;

/// <summary>Everything the billing page shows: plans, the subscription, the card on file, and payments with receipts.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetBillingQuery : IQuery<BillingDto>;

public sealed record PlanDto(string Code, string Name, long MonthlyPriceTiyin, int MaxBots, int MaxChannels, int MaxMessagesPerMonth);

public sealed record SubscriptionDto(string PlanCode, string? PendingPlanCode, SubscriptionStatus Status, DateTimeOffset CurrentPeriodEnd,
    bool CancelAtPeriodEnd, DateTimeOffset? NextChargeAt, DateTimeOffset? NextRetryAt);

public sealed record CardDto(string MaskedPan, string CardType, string ExpiryYyMm);

public sealed record PaymentDto(Guid Id, string PeriodKey, string PlanCode, long AmountTiyin, ChargeStatus Status, string? FailureCode,
    DateTimeOffset AttemptedAt, string? ReceiptUrl);

/// <summary><see cref="CardBinding"/>: whether a card is typed into our form (Direct) or on Paylov's page (Hosted).</summary>
public sealed record BillingDto(IReadOnlyList<PlanDto> Plans, SubscriptionDto? Subscription, CardDto? Card, IReadOnlyList<PaymentDto> Payments, bool PaymentFailed,
    CardBindingMode CardBinding);

public sealed class GetBillingQueryHandler(IApplicationDbContext context, IOptions<BillingOptions> billing, IOptions<CardBindingOptions> binding) : IQueryHandler<GetBillingQuery, BillingDto>
{
    public async ValueTask<BillingDto> Handle(GetBillingQuery query, CancellationToken cancellationToken)
    {
        var plans = billing.Value.Plans.Select(p => new PlanDto(p.Code, p.Name, p.MonthlyPriceTiyin, p.MaxBots, p.MaxChannels, p.MaxMessagesPerMonth)).ToList();
        var subscription = await context.Subscriptions.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var card = await context.PaymentMethods.AsNoTracking().Where(p => p.RemovedAt == null).OrderByDescending(p => p.Created)
            .Select(p => new CardDto(p.MaskedPan, p.CardType, p.ExpiryYyMm)).FirstOrDefaultAsync(cancellationToken);
        var payments = await (
            from c in context.Charges.AsNoTracking()
            join r in context.FiscalReceipts on c.Id equals r.ChargeId into receipts
            from r in receipts.DefaultIfEmpty()
            orderby c.AttemptedAt descending
            select new PaymentDto(c.Id, c.PeriodKey, c.PlanCode, c.AmountTiyin, c.Status, c.FailureCode, c.AttemptedAt, r == null ? null : r.Url))
            .Take(100).ToListAsync(cancellationToken);

        var subscriptionDto = subscription is null ? null : new SubscriptionDto(subscription.PlanCode, subscription.PendingPlanCode, subscription.Status,
            subscription.CurrentPeriodEnd, subscription.CancelAtPeriodEnd,
            subscription.CancelAtPeriodEnd || subscription.Status is SubscriptionStatus.Canceled or SubscriptionStatus.Suspended ? null : subscription.CurrentPeriodEnd,
            subscription.NextRetryAt);
        var failed = subscription?.Status is SubscriptionStatus.PastDue or SubscriptionStatus.Suspended;
        return new BillingDto(plans, subscriptionDto, card, payments, failed, binding.Value.CardBinding);
    }
}
