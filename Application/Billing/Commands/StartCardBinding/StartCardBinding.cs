using System.Globalization;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Billing.Commands.StartCardBinding;

/// <summary>
/// The card form was posted (<c>Paylov:CardBinding = Direct</c>): the number and expiry go to Paylov's
/// <c>createUserCard</c> in memory and nowhere else (ADR 0008), and Paylov texts a code to the card's phone. Only
/// Paylov's binding id is kept; <c>ConfirmCardBindingCommand</c> sends the code.
/// </summary>
[Authorize(Roles = Roles.Owner, RequireVerifiedPhone = true)]
[AllowedWhileRestricted(TenantRestrictions.PaymentRequired)] // paying is the way out of the trial's paywall
public sealed record StartCardBindingCommand(string CardNumber, string Expiry, string PlanCode, CheckoutPurpose Purpose) : ICommand<CardOtpSentDto>
{
    /// <summary>The number must not reach a log or an exception through the record's generated text.</summary>
    public override string ToString() => $"{nameof(StartCardBindingCommand)} {{ {new CardDetails(CardNumber ?? string.Empty, string.Empty)}, PlanCode = {PlanCode}, Purpose = {Purpose} }}";

    /// <summary>The digits of the number as typed (spaces and dashes dropped).</summary>
    public static string Digits(string? typed) => new((typed ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());

    /// <summary>MM/YY (or MMYY) as Paylov's YYMM; null when it is not a real month.</summary>
    public static string? ToYyMm(string? mmYy)
    {
        var digits = new string((mmYy ?? string.Empty).Where(c => c != '/').ToArray());
        if (digits.Length != 4 || !digits.All(char.IsAsciiDigit) || int.Parse(digits[..2], CultureInfo.InvariantCulture) is < 1 or > 12)
            return null;
        return digits[2..] + digits[..2];
    }
}

/// <summary>Paylov texted a code to <see cref="MaskedPhone"/>; confirm <see cref="BindingId"/> with it before <see cref="ExpiresAt"/>.</summary>
public sealed record CardOtpSentDto(Guid BindingId, string MaskedPhone, DateTimeOffset ExpiresAt, int AttemptsLeft);

public sealed class StartCardBindingCommandHandler(IApplicationDbContext context, ICurrentUser currentUser, IPaylovCardBinding paylov,
    IOptions<BillingOptions> billing, IOptions<CardBindingOptions> binding, TimeProvider time) : ICommandHandler<StartCardBindingCommand, CardOtpSentDto>
{
    public async ValueTask<CardOtpSentDto> Handle(StartCardBindingCommand command, CancellationToken cancellationToken)
    {
        if (binding.Value.CardBinding != CardBindingMode.Direct)
            throw new ConflictException("Cards are bound on Paylov's page here: start a checkout instead.");
        var plan = billing.Value.Find(command.PlanCode) ?? throw ValidationException.ForField("planCode", "No such plan.");
        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken);
        if (command.Purpose == CheckoutPurpose.Subscribe && subscription is { Status: SubscriptionStatus.Active or SubscriptionStatus.PastDue })
            throw new ConflictException("You already have a subscription; change the plan or the card instead.");
        if (command.Purpose == CheckoutPurpose.UpdateCard && subscription is null or { Status: SubscriptionStatus.Canceled or SubscriptionStatus.Expired })
            throw new ConflictException("There is no subscription to put a card on; subscribe instead.");

        var now = time.GetUtcNow();
        // A running trial is charged when it ends (the card is only put on file); anything else pays the first month once the card is bound.
        var inTrial = subscription is { Status: SubscriptionStatus.Trialing } && now < subscription.CurrentPeriodEnd;
        var amount = command.Purpose == CheckoutPurpose.Subscribe && !inTrial ? plan.MonthlyPriceTiyin : 0;
        var checkout = CheckoutSession.Start(command.Purpose, plan.Code, amount, currentUser.UserId ?? throw new SignInRequiredException());
        var card = new CardDetails(StartCardBindingCommand.Digits(command.CardNumber), StartCardBindingCommand.ToYyMm(command.Expiry)!);
        CardOtpSent sent;
        try
        {
            sent = await paylov.StartAsync(PaylovUser.Of(currentUser.TenantId ?? throw new SignInRequiredException()), card, cancellationToken);
        }
        catch (PaylovException ex)
        {
            throw PaymentRefusedException.From(ex);
        }

        checkout.OtpSent(sent.BindingId, now + binding.Value.OtpLifetime, binding.Value.OtpAttempts);
        context.CheckoutSessions.Add(checkout);
        await context.SaveChangesAsync(cancellationToken);
        return new CardOtpSentDto(checkout.Id, sent.MaskedPhone, checkout.OtpExpiresAt!.Value, checkout.OtpAttemptsLeft);
    }
}

/// <summary>The same checks as Paylov's (and the card form's): 16 digits, Luhn, UzCard/Humo/Visa, a month not yet past. The messages name neither value.</summary>
public sealed class StartCardBindingCommandValidator : AbstractValidator<StartCardBindingCommand>
{
    public StartCardBindingCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.CardNumber).NotEmpty().WithMessage("Enter the card number.")
            .Must(n => CardNumbers.IsAcceptable(StartCardBindingCommand.Digits(n))).WithMessage("Enter a valid UzCard, Humo or Visa card number.");
        RuleFor(c => c.Expiry).NotEmpty().WithMessage("Enter the expiry as MM/YY.")
            .Must(e => StartCardBindingCommand.ToYyMm(e) is not null).WithMessage("Enter the expiry as MM/YY.")
            .Must(e => StartCardBindingCommand.ToYyMm(e) is not { } yyMm || string.CompareOrdinal(yyMm, time.GetUtcNow().ToString("yyMM", CultureInfo.InvariantCulture)) >= 0)
            .WithMessage("This card has expired.");
        RuleFor(c => c.PlanCode).NotEmpty().MaximumLength(Subscription.PlanCodeMaxLength);
        RuleFor(c => c.Purpose).IsInEnum();
    }
}
