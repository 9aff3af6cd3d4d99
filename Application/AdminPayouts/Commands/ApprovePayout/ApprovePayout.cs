using VirtuOps.Application.AdminPayouts.Common;
using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.AdminPayouts.Commands.ApprovePayout;

/// <summary>
/// An Admin approves a partner's payout: it is sent to the payout card by Paylov A2C, exactly once. Approving a payout
/// whose sending was cut short reconciles it with Paylov; approving a settled one changes nothing.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record ApprovePayoutCommand(Guid Id, string Reason) : ICommand<AdminPayoutDto>;

public sealed class ApprovePayoutCommandValidator : AbstractValidator<ApprovePayoutCommand>
{
    public ApprovePayoutCommandValidator() => RuleFor(c => c.Reason).StaffReason();
}

public sealed class ApprovePayoutCommandHandler(
    IApplicationDbContext context, PayoutActions actions, PayoutSender sender, ICurrentUser user, TimeProvider time)
    : ICommandHandler<ApprovePayoutCommand, AdminPayoutDto>
{
    public async ValueTask<AdminPayoutDto> Handle(ApprovePayoutCommand command, CancellationToken cancellationToken)
    {
        var payout = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        switch (payout.Status)
        {
            case PayoutStatus.Requested:
                var account = await context.PayoutAccounts.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
                if (account is not { IsReady: true })
                    throw new ConflictException("The partner's payout card or PINFL check is missing.");
                payout.Approve(user.UserId!.Value, command.Reason.Trim(), time.GetUtcNow());
                // Saved before Paylov is called: a second approval racing this one is refused here.
                await sender.SaveClaimAsync(cancellationToken);
                await sender.SendAsync(payout, cancellationToken);
                break;
            case PayoutStatus.Paying:
                await sender.ReconcileAsync(payout, cancellationToken);
                break;
        }

        return AdminPayoutDto.Of(payout);
    }
}
