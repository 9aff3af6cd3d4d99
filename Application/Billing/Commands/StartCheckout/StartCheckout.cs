using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Billing.Commands.StartCheckout;

/// <summary>
/// Opens Paylov's hosted card page: to subscribe (the first month is paid there) or to replace the card. The card
/// number, expiry and CVV are typed on Paylov's page; our server only ever learns the token and the masked number.
/// </summary>
[Authorize(Roles = Roles.Owner, RequireVerifiedPhone = true)]
[AllowedWhileRestricted(TenantRestrictions.PaymentRequired)] // paying is the way out of the trial's paywall
public sealed record StartCheckoutCommand(string PlanCode, CheckoutPurpose Purpose) : ICommand<CheckoutStartedDto>;

public sealed record CheckoutStartedDto(Guid CheckoutId, string RedirectUrl);

public sealed class StartCheckoutCommandHandler(IApplicationDbContext context, ICurrentUser currentUser, IPaylovClient paylov,
    IOptions<BillingOptions> billing, IOptions<AppLinksOptions> links, IOptions<CardBindingOptions> binding) : ICommandHandler<StartCheckoutCommand, CheckoutStartedDto>
{
    public async ValueTask<CheckoutStartedDto> Handle(StartCheckoutCommand command, CancellationToken cancellationToken)
    {
        if (binding.Value.CardBinding != CardBindingMode.Hosted)
            throw new ConflictException("Cards are bound with our card form and an SMS code here: post the card to /api/billing/card.");
        var plan = billing.Value.Find(command.PlanCode) ?? throw ValidationException.ForField("planCode", "No such plan.");
        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken);
        if (command.Purpose == CheckoutPurpose.Subscribe && subscription is { Status: SubscriptionStatus.Active or SubscriptionStatus.PastDue })
            throw new ConflictException("You already have a subscription; change the plan or the card instead.");
        if (command.Purpose == CheckoutPurpose.UpdateCard && subscription is null or { Status: SubscriptionStatus.Canceled or SubscriptionStatus.Expired })
            throw new ConflictException("There is no subscription to put a card on; subscribe instead.");

        var amount = command.Purpose == CheckoutPurpose.Subscribe ? plan.MonthlyPriceTiyin : 0;
        var checkout = CheckoutSession.Start(command.Purpose, plan.Code, amount, currentUser.UserId ?? throw new SignInRequiredException());
        var returnUrl = links.Value.Link($"/billing/return?checkout={checkout.Id}");
        var session = await paylov.StartCardBindingAsync(checkout.Id.ToString("N"), PaylovUser.Of(currentUser.TenantId ?? throw new SignInRequiredException()), amount, returnUrl, cancellationToken);
        checkout.OpenedAtPaylov(session.SessionId);
        context.CheckoutSessions.Add(checkout);
        await context.SaveChangesAsync(cancellationToken);
        return new CheckoutStartedDto(checkout.Id, session.RedirectUrl.ToString());
    }
}

public sealed class StartCheckoutCommandValidator : AbstractValidator<StartCheckoutCommand>
{
    public StartCheckoutCommandValidator()
    {
        RuleFor(c => c.PlanCode).NotEmpty().MaximumLength(Subscription.PlanCodeMaxLength);
        RuleFor(c => c.Purpose).IsInEnum();
    }
}
