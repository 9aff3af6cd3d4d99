using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.PlanChanges;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Commands.ChangePlan;

/// <summary>
/// Chooses another plan. A dearer plan on a paid, running subscription applies at once, for the price difference for
/// the rest of the period, charged to the card on file exactly once; during a trial it applies at once and is charged
/// with the first payment; any other change applies from the next period
/// (the current month stays as paid), and the answer lists the limits the tenant's usage would exceed then.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record ChangePlanCommand(string PlanCode) : ICommand<PlanChangeDto>;

public sealed class ChangePlanCommandHandler(IApplicationDbContext context, PlanChangeService changes, IOptions<BillingOptions> billing)
    : ICommandHandler<ChangePlanCommand, PlanChangeDto>
{
    public async ValueTask<PlanChangeDto> Handle(ChangePlanCommand command, CancellationToken cancellationToken)
    {
        var plan = billing.Value.Find(command.PlanCode) ?? throw ValidationException.ForField("planCode", "No such plan.");
        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No subscription.");
        var change = await changes.QuoteAsync(subscription, plan, cancellationToken);
        if (change is { Immediate: true, AmountTiyin: > 0 })
        {
            await changes.UpgradeAsync(subscription, plan, change.AmountTiyin, cancellationToken);
            return change;
        }

        if (change.Immediate)
            subscription.ChooseTrialPlan(plan.Code);
        else
            subscription.ChangePlan(plan.Code);
        await context.SaveChangesAsync(cancellationToken);
        return change;
    }
}

public sealed class ChangePlanCommandValidator : AbstractValidator<ChangePlanCommand>
{
    public ChangePlanCommandValidator() => RuleFor(c => c.PlanCode).NotEmpty();
}
