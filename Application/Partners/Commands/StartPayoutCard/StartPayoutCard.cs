using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Partners.Commands.StartPayoutCard;

/// <summary>
/// The partner binds the card its payouts go to, through Paylov's documented binding (<see cref="IPaylovCardBinding"/>,
/// the same port as the subscription card): the number passes to Paylov in memory and is never stored or logged;
/// Paylov texts a code to the card's phone, confirmed with <c>ConfirmPayoutCard</c>.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record StartPayoutCardCommand(string CardNumber, string ExpiryYyMm) : ICommand<CardOtpSent>
{
    // The number must never reach a log line or an exception text through this record.
    public override string ToString() => new CardDetails(CardNumber ?? string.Empty, ExpiryYyMm ?? string.Empty).ToString();
}

public sealed class StartPayoutCardCommandValidator : AbstractValidator<StartPayoutCardCommand>
{
    public StartPayoutCardCommandValidator()
    {
        RuleFor(c => c.CardNumber).Must(n => n is not null && CardNumbers.IsAcceptable(n))
            .WithMessage("Karta raqami noto‘g‘ri (UzCard, Humo yoki Visa, 16 raqam). / Неверный номер карты (UzCard, Humo или Visa, 16 цифр). / Not a valid UzCard, Humo or Visa number (16 digits).");
        RuleFor(c => c.ExpiryYyMm).Matches("^[0-9]{2}(0[1-9]|1[0-2])$")
            .WithMessage("Amal qilish muddati YYOO ko‘rinishida. / Срок действия в формате ГГММ. / The expiry is YYMM.");
    }
}

public sealed class StartPayoutCardCommandHandler(PayoutAccounts accounts, IPaylovCardBinding binding, ICurrentTenant tenant)
    : ICommandHandler<StartPayoutCardCommand, CardOtpSent>
{
    public async ValueTask<CardOtpSent> Handle(StartPayoutCardCommand command, CancellationToken cancellationToken)
    {
        await accounts.OfPartnerAsync(cancellationToken);
        try
        {
            return await binding.StartAsync(PaylovUser.Of(tenant.Id!.Value), new CardDetails(command.CardNumber, command.ExpiryYyMm), cancellationToken);
        }
        catch (PaylovException ex) when (ex is not PaylovUnavailableException)
        {
            throw ValidationException.ForField(nameof(command.CardNumber), PayoutCardErrors.Of(ex.Code));
        }
    }
}
