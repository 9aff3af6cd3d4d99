using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.Commands.HandlePaylovCallback;

/// <summary>Paylov's JSON-RPC callback methods.</summary>
public enum PaylovCallbackMethod
{
    /// <summary><c>transaction.check</c>: may Paylov accept this payment for this order?</summary>
    Check = 0,

    /// <summary><c>transaction.perform</c>: Paylov took the payment.</summary>
    Perform = 1,
}

/// <summary>The documented answer statuses.</summary>
public enum PaylovCallbackStatus
{
    Ok = 0,
    TryLater = 3,
    WrongAmount = 5,
    UnknownOrder = 303,
}

/// <summary>
/// Paylov calls about an order of ours: the charge whose key we put into <c>account.order_id</c> at
/// <c>receipts/create</c>. A check answers whether the order exists and the amount is its amount. A perform settles the
/// charge the way the billing job does, by asking Paylov about the transaction (the callback is only a nudge), so each
/// <c>transaction_id</c> is settled once however often it arrives: a replay finds the charge already settled.
/// </summary>
public sealed record HandlePaylovCallbackCommand(PaylovCallbackMethod Method, string OrderId, long AmountTiyin, string? TransactionId) : ICommand<PaylovCallbackStatus>;

public sealed class HandlePaylovCallbackCommandHandler(
    IApplicationDbContext context, ICurrentTenant currentTenant, RenewalProcessor renewals, ILogger<HandlePaylovCallbackCommandHandler> logger)
    : ICommandHandler<HandlePaylovCallbackCommand, PaylovCallbackStatus>
{
    public async ValueTask<PaylovCallbackStatus> Handle(HandlePaylovCallbackCommand command, CancellationToken cancellationToken)
    {
        // The callback names our charge key; the charge tells us the tenant.
        var charge = await context.Charges.IgnoreQueryFilters()
            .SingleOrDefaultAsync(c => c.IdempotencyKey == command.OrderId, cancellationToken);
        if (charge is null)
            return PaylovCallbackStatus.UnknownOrder;
        if (charge.AmountTiyin != command.AmountTiyin)
            return PaylovCallbackStatus.WrongAmount;
        if (command.Method == PaylovCallbackMethod.Check || charge.Status == ChargeStatus.Succeeded)
            return PaylovCallbackStatus.Ok;

        if (charge.Status == ChargeStatus.Failed)
        {
            // We recorded a decline and Paylov says it was paid: a person must look (refund or record it).
            logger.LogWarning("Paylov reports transaction {TransactionId} paid for charge {ChargeId}, which we recorded as failed", command.TransactionId, charge.Id);
            return PaylovCallbackStatus.Ok;
        }

        currentTenant.Use(charge.TenantId);
        // A crash after receipts/create lost the id before it was saved: Paylov's callback names it, so the renewal
        // settles that transaction instead of creating another one.
        if (charge.TransactionId is null && command.TransactionId is { } transactionId)
        {
            charge.CreatedAtPaylov(transactionId);
            await context.SaveChangesAsync(cancellationToken);
        }

        var outcome = await renewals.RenewAsync(charge.SubscriptionId, cancellationToken);
        // Not settled yet (Paylov unreachable or undecided): Paylov asks again later.
        return outcome == RenewalOutcome.Unknown ? PaylovCallbackStatus.TryLater : PaylovCallbackStatus.Ok;
    }
}

public sealed class HandlePaylovCallbackCommandValidator : AbstractValidator<HandlePaylovCallbackCommand>
{
    public HandlePaylovCallbackCommandValidator()
    {
        RuleFor(c => c.Method).IsInEnum();
        RuleFor(c => c.OrderId).NotEmpty().MaximumLength(80);
        RuleFor(c => c.AmountTiyin).GreaterThanOrEqualTo(0);
        RuleFor(c => c.TransactionId).NotEmpty().MaximumLength(100).When(c => c.Method == PaylovCallbackMethod.Perform);
    }
}
