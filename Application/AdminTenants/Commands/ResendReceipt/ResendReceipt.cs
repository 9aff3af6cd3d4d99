using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminTenants.Commands.ResendReceipt;

/// <summary>
/// E-mails one of the tenant's fiscal receipts to the owner again (lost, or sent to an old address). Only a receipt
/// Paylov has issued: one still pending is e-mailed by the billing job when it is.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record ResendReceiptCommand(Guid Id, Guid ReceiptId, string Reason) : ICommand;

public sealed class ResendReceiptCommandHandler(IApplicationDbContext context, TenantActions actions, ReceiptIssuer receipts, BillingMail mail)
    : ICommandHandler<ResendReceiptCommand>
{
    public async ValueTask<Unit> Handle(ResendReceiptCommand command, CancellationToken cancellationToken)
    {
        var tenant = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        // Scoped to the tenant by the request's tenant (set above): another tenant's receipt is not found.
        var receipt = await context.FiscalReceipts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == command.ReceiptId, cancellationToken)
            ?? throw new NotFoundException("No such receipt for this tenant.");
        if (receipt.Url is null)
            throw new ConflictException("Paylov has not issued this receipt yet; it is e-mailed as soon as it is.");
        var charge = await context.Charges.AsNoTracking().SingleAsync(c => c.Id == receipt.ChargeId, cancellationToken);
        var owner = await mail.OwnerEmailAsync(tenant.Id, cancellationToken)
            ?? throw new ConflictException("The tenant has no owner with an e-mail address.");
        await receipts.EmailAsync(receipt, charge, owner, cancellationToken);
        return Unit.Value;
    }
}

public sealed class ResendReceiptCommandValidator : AbstractValidator<ResendReceiptCommand>
{
    public ResendReceiptCommandValidator()
    {
        RuleFor(c => c.ReceiptId).NotEmpty();
        RuleFor(c => c.Reason).StaffReason();
    }
}
