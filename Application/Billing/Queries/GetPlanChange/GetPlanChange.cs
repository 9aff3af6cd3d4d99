using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.PlanChanges;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Queries.GetPlanChange;

/// <summary>What choosing a plan would do, shown before the owner confirms: the prorated price of an upgrade, or the limits a downgrade would exceed.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetPlanChangeQuery(string PlanCode) : IQuery<PlanChangeDto>;

public sealed class GetPlanChangeQueryHandler(IApplicationDbContext context, PlanChangeService changes, IOptions<BillingOptions> billing)
    : IQueryHandler<GetPlanChangeQuery, PlanChangeDto>
{
    public async ValueTask<PlanChangeDto> Handle(GetPlanChangeQuery query, CancellationToken cancellationToken)
    {
        var plan = billing.Value.Find(query.PlanCode) ?? throw ValidationException.ForField("planCode", "No such plan.");
        var subscription = await context.Subscriptions.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No subscription.");
        return await changes.QuoteAsync(subscription, plan, cancellationToken);
    }
}

public sealed class GetPlanChangeQueryValidator : AbstractValidator<GetPlanChangeQuery>
{
    public GetPlanChangeQueryValidator() => RuleFor(q => q.PlanCode).NotEmpty();
}
