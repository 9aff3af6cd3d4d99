using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.Commands.SettlePaylovEvent;

/// <summary>
/// Paylov says a payment changed state. The message is only a nudge: the charge is settled by asking Paylov for the
/// transaction of its idempotency key (the same reconciliation the billing job does), so a duplicated, replayed or
/// out-of-order callback changes nothing twice.
/// </summary>
public sealed record SettlePaylovEventCommand(string EventId, string ExternalId) : ICommand<bool>;

public sealed class SettlePaylovEventCommandHandler(IApplicationDbContext context, ICurrentTenant currentTenant, RenewalProcessor renewals)
    : ICommandHandler<SettlePaylovEventCommand, bool>
{
    public async ValueTask<bool> Handle(SettlePaylovEventCommand command, CancellationToken cancellationToken)
    {
        // Paylov's callback names our idempotency key; the charge it names tells us the tenant.
        var charge = await context.Charges.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(c => c.IdempotencyKey == command.ExternalId, cancellationToken);
        if (charge is not { Status: ChargeStatus.Pending })
            return false;

        currentTenant.Use(charge.TenantId);
        return await renewals.RenewAsync(charge.SubscriptionId, cancellationToken) == RenewalOutcome.Renewed;
    }
}

public sealed class SettlePaylovEventCommandValidator : AbstractValidator<SettlePaylovEventCommand>
{
    public SettlePaylovEventCommandValidator()
    {
        RuleFor(c => c.EventId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.ExternalId).NotEmpty().MaximumLength(80);
    }
}
