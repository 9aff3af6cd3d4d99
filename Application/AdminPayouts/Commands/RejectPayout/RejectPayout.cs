using VirtuOps.Application.AdminPayouts.Common;
using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.AdminPayouts.Commands.RejectPayout;

/// <summary>An Admin refuses a requested payout with a reason; its amount is back in the partner's balance. Repeating it changes nothing.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record RejectPayoutCommand(Guid Id, string Reason) : ICommand<AdminPayoutDto>;

public sealed class RejectPayoutCommandValidator : AbstractValidator<RejectPayoutCommand>
{
    public RejectPayoutCommandValidator() => RuleFor(c => c.Reason).StaffReason();
}

public sealed class RejectPayoutCommandHandler(IApplicationDbContext context, PayoutActions actions, ICurrentUser user, TimeProvider time)
    : ICommandHandler<RejectPayoutCommand, AdminPayoutDto>
{
    public async ValueTask<AdminPayoutDto> Handle(RejectPayoutCommand command, CancellationToken cancellationToken)
    {
        var payout = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        if (payout.Status == PayoutStatus.Rejected)
            return AdminPayoutDto.Of(payout);
        if (payout.Status != PayoutStatus.Requested)
            throw new ConflictException("Only a requested payout can be rejected; this one was approved.");

        var now = time.GetUtcNow();
        payout.Reject(user.UserId!.Value, command.Reason.Trim(), now);
        context.PartnerLedger.Add(PartnerLedgerEntry.PayoutReturned(payout.TenantId, payout.Id, payout.AmountTiyin, now));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The payout was just approved or rejected by someone else.");
        }

        return AdminPayoutDto.Of(payout);
    }
}
