using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminTenants.Commands.CancelTenantSubscription;

/// <summary>
/// Support cancels a subscription for a customer who asked ("or by contacting our support team"): exactly what the
/// owner's Cancel does (no further charges, the recurring-charges consent withdrawn, the card deleted, the owner
/// e-mailed), the service running to the end of the paid period. Cancelling a cancelled subscription changes nothing.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record CancelTenantSubscriptionCommand(Guid Id, string Reason) : ICommand;

public sealed class CancelTenantSubscriptionCommandHandler(IApplicationDbContext context, TenantActions actions, SubscriptionCancellation cancellation)
    : ICommandHandler<CancelTenantSubscriptionCommand>
{
    public async ValueTask<Unit> Handle(CancelTenantSubscriptionCommand command, CancellationToken cancellationToken)
    {
        await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        var subscription = await context.Subscriptions.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No subscription.");
        if (subscription.CancelAtPeriodEnd || subscription.Status == SubscriptionStatus.Canceled)
            return Unit.Value;

        await cancellation.CancelAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class CancelTenantSubscriptionCommandValidator : AbstractValidator<CancelTenantSubscriptionCommand>
{
    public CancelTenantSubscriptionCommandValidator() => RuleFor(c => c.Reason).StaffReason();
}
