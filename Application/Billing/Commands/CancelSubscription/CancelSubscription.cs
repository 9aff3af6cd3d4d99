using VirtuOps.Application.Billing.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Commands.CancelSubscription;

/// <summary>
/// Cancel any time: no further charges, the consent to recurring charges is withdrawn and the card token is deleted
/// (and removed at Paylov). The service runs until the end of the month already paid for.
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record CancelSubscriptionCommand : ICommand;

public sealed class CancelSubscriptionCommandHandler(SubscriptionCancellation cancellation) : ICommandHandler<CancelSubscriptionCommand>
{
    public async ValueTask<Unit> Handle(CancelSubscriptionCommand command, CancellationToken cancellationToken)
    {
        await cancellation.CancelAsync(cancellationToken);
        return Unit.Value;
    }
}
