using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Commands.ChangePlan;

/// <summary>Chooses the plan for the next period; the current month stays as paid.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record ChangePlanCommand(string PlanCode) : ICommand;

public sealed class ChangePlanCommandHandler(IApplicationDbContext context, IOptions<BillingOptions> billing) : ICommandHandler<ChangePlanCommand>
{
    public async ValueTask<Unit> Handle(ChangePlanCommand command, CancellationToken cancellationToken)
    {
        var plan = billing.Value.Find(command.PlanCode) ?? throw ValidationException.ForField("planCode", "No such plan.");
        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No subscription.");
        subscription.ChangePlan(plan.Code);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class ChangePlanCommandValidator : AbstractValidator<ChangePlanCommand>
{
    public ChangePlanCommandValidator() => RuleFor(c => c.PlanCode).NotEmpty();
}
