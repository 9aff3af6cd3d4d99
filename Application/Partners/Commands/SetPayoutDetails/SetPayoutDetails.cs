using VirtuOps.Application.Partners.Common;
using VirtuOps.Application.Partners.Queries.GetPayoutAccount;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Commands.SetPayoutDetails;

/// <summary>
/// The partner says who is paid: a person by PINFL, or a company by STIR and name. Stored encrypted and shown masked;
/// a person's PINFL is checked with Paylov against the payout card when one is bound (now, or when it is bound).
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record SetPayoutDetailsCommand(PayeeKind Kind, string? Pinfl, string? Stir, string? CompanyName) : ICommand<PayoutAccountDto>;

public sealed class SetPayoutDetailsCommandValidator : AbstractValidator<SetPayoutDetailsCommand>
{
    public SetPayoutDetailsCommandValidator()
    {
        RuleFor(c => c.Kind).IsInEnum();
        When(c => c.Kind == PayeeKind.Individual, () =>
            RuleFor(c => c.Pinfl).Must(PayeeIds.IsPinfl)
                .WithMessage("JShShIR 14 ta raqamdan iborat. / ПИНФЛ состоит из 14 цифр. / A PINFL is 14 digits."));
        When(c => c.Kind == PayeeKind.Company, () =>
        {
            RuleFor(c => c.Stir).Must(PayeeIds.IsStir)
                .WithMessage("STIR 9 ta raqamdan iborat. / ИНН (СТИР) состоит из 9 цифр. / A STIR is 9 digits.");
            RuleFor(c => c.CompanyName).NotEmpty().MaximumLength(PayoutAccount.CompanyNameMaxLength);
        });
    }
}

public sealed class SetPayoutDetailsCommandHandler(IApplicationDbContext context, PayoutAccounts accounts, ISender sender)
    : ICommandHandler<SetPayoutDetailsCommand, PayoutAccountDto>
{
    public async ValueTask<PayoutAccountDto> Handle(SetPayoutDetailsCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.OfPartnerAsync(cancellationToken);
        var taxId = command.Kind == PayeeKind.Individual ? command.Pinfl! : command.Stir!;
        account.SetPayee(command.Kind, accounts.Protect(account, taxId), PayoutAccount.Mask(taxId), command.CompanyName?.Trim());
        await accounts.VerifyPinflAsync(account, nameof(command.Pinfl), cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        return await sender.Send(new GetPayoutAccountQuery(), cancellationToken);
    }
}
