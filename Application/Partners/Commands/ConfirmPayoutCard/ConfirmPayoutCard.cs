using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Application.Partners.Queries.GetPayoutAccount;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Partners.Commands.ConfirmPayoutCard;

/// <summary>
/// Confirms the payout card with the SMS code. For a person the card is then checked against their PINFL with Paylov:
/// a card that is not theirs is refused (and removed at Paylov), so a payout only ever goes to the payee's own card.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record ConfirmPayoutCardCommand(string BindingId, string Otp) : ICommand<PayoutAccountDto>;

public sealed class ConfirmPayoutCardCommandValidator : AbstractValidator<ConfirmPayoutCardCommand>
{
    public ConfirmPayoutCardCommandValidator()
    {
        RuleFor(c => c.BindingId).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Otp).NotEmpty().MaximumLength(10);
    }
}

public sealed class ConfirmPayoutCardCommandHandler(
    IApplicationDbContext context, PayoutAccounts accounts, IPaylovCardBinding binding, IPaylovClient paylov, ISender sender)
    : ICommandHandler<ConfirmPayoutCardCommand, PayoutAccountDto>
{
    public async ValueTask<PayoutAccountDto> Handle(ConfirmPayoutCardCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.OfPartnerAsync(cancellationToken);
        BoundCard card;
        try
        {
            card = await binding.ConfirmAsync(command.BindingId, command.Otp, cancellationToken);
        }
        catch (PaylovException ex) when (ex is not PaylovUnavailableException)
        {
            throw ValidationException.ForField(nameof(command.Otp), PayoutCardErrors.Of(ex.Code));
        }

        account.BindCard(accounts.Protect(account, card.CardId), card.MaskedPan);
        try
        {
            await accounts.VerifyPinflAsync(account, "Pinfl", cancellationToken);
        }
        catch (ValidationException)
        {
            // Someone else's card is not kept, here or at Paylov.
            await paylov.RemoveCardAsync(card.CardId, cancellationToken);
            throw;
        }

        await context.SaveChangesAsync(cancellationToken);
        return await sender.Send(new GetPayoutAccountQuery(), cancellationToken);
    }
}
