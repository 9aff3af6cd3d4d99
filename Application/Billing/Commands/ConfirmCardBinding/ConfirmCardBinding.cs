using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Billing.Commands.CompleteCheckout;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Billing.Commands.ConfirmCardBinding;

/// <summary>
/// The SMS code of a direct card binding: Paylov's <c>confirmUserCardCreate</c> binds the card, we keep its encrypted
/// id and the consent to recurring charges, and, when the binding subscribes outside a running trial, pay the first
/// month through the exactly-once charge path (keyed by the binding, so a repeat never pays twice). A wrong code answers
/// the attempts left; an expired one, or too many, ends the binding. Sending it twice binds and charges once.
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted(TenantRestrictions.PaymentRequired)]
public sealed record ConfirmCardBindingCommand(Guid BindingId, string Otp) : ICommand<CheckoutResultDto>;

public sealed class ConfirmCardBindingCommandHandler(
    IApplicationDbContext context,
    ICurrentUser currentUser,
    IClientInfo client,
    IPaylovCardBinding paylov,
    ISecretProtector secrets,
    ImmediateCharges charges,
    RenewalProcessor renewals,
    ProcessingRestrictions restrictions,
    IOptions<LegalDocumentsOptions> legal,
    TimeProvider time) : ICommandHandler<ConfirmCardBindingCommand, CheckoutResultDto>
{
    public async ValueTask<CheckoutResultDto> Handle(ConfirmCardBindingCommand command, CancellationToken cancellationToken)
    {
        var checkout = await context.CheckoutSessions.SingleOrDefaultAsync(c => c.Id == command.BindingId && c.OtpExpiresAt != null, cancellationToken)
            ?? throw new NotFoundException("No such card binding.");
        switch (checkout.Status)
        {
            case CheckoutStatus.Completed:
                // Confirmed before: only a first payment left unpaid (declined, or its answer lost) is tried again.
                await PayFirstMonthAsync(checkout, cancellationToken);
                return new CheckoutResultDto(checkout.Status, null);
            case CheckoutStatus.Failed:
                throw new PaymentRefusedException(checkout.FailureReason ?? "refused", attemptsLeft: 0);
            case CheckoutStatus.Confirming:
                throw new ConflictException("This code is being checked: wait for the answer.");
        }

        if (time.GetUtcNow() > checkout.OtpExpiresAt)
        {
            checkout.Fail("otp_expired");
            await SaveOrConflictAsync(cancellationToken);
            throw new PaymentRefusedException("otp_expired", attemptsLeft: 0);
        }

        // Claimed before Paylov sees the code: of two requests at once, the second is refused here, not at Paylov.
        checkout.ConfirmingOtp();
        await SaveOrConflictAsync(cancellationToken);

        BoundCard card;
        try
        {
            card = await paylov.ConfirmAsync(checkout.PaylovSessionId, command.Otp, cancellationToken);
        }
        catch (PaylovUnavailableException)
        {
            checkout.OtpUnanswered();
            await context.SaveChangesAsync(CancellationToken.None);
            throw new PaymentRefusedException(PaymentRefusedException.Unavailable);
        }
        catch (PaylovException ex)
        {
            if (ex.Code == "invalid_otp")
                checkout.OtpRefused();
            else
                checkout.Fail(ex.Code ?? "refused");
            await context.SaveChangesAsync(CancellationToken.None);
            throw PaymentRefusedException.From(ex, checkout.OtpAttemptsLeft);
        }

        var now = time.GetUtcNow();
        foreach (var old in await context.PaymentMethods.Where(p => p.RemovedAt == null).ToListAsync(cancellationToken))
            old.Remove(now);
        context.PaymentMethods.Add(PaymentMethod.Bind(id => secrets.Protect(card.CardId, id.ToString()), card.MaskedPan, card.CardType.ToString(), card.ExpiryYyMm));
        context.ConsentRecords.Add(ConsentRecord.Grant(currentUser.UserId ?? throw new SignInRequiredException(), currentUser.TenantId, ConsentKind.RecurringCharges,
            legal.Value.PublicOfferVersion, now, client.IpAddress, client.UserAgent));

        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken);
        if (subscription is null)
            context.Subscriptions.Add(Subscription.AwaitingFirstPayment(checkout.PlanCode, now));
        else if (checkout.Purpose == CheckoutPurpose.UpdateCard)
            subscription.CardUpdated(now);
        else if (checkout.AmountTiyin == 0 && subscription.Status == SubscriptionStatus.Trialing)
            subscription.ChooseTrialPlan(checkout.PlanCode); // a running trial: the plan serves now, and its first charge at the trial's end pays it
        checkout.Complete();
        await context.SaveChangesAsync(CancellationToken.None);

        await PayFirstMonthAsync(checkout, cancellationToken);
        if (checkout.Purpose == CheckoutPurpose.UpdateCard && subscription!.IsDueForCharge(now))
            await renewals.RenewAsync(subscription.Id, cancellationToken); // a new card retries a lapsed renewal at once
        return new CheckoutResultDto(checkout.Status, null);
    }

    /// <summary>The first month, for a binding that subscribes outside a running trial: paid once per binding, then the paywall lifts.</summary>
    private async Task PayFirstMonthAsync(CheckoutSession checkout, CancellationToken cancellationToken)
    {
        if (checkout.Purpose != CheckoutPurpose.Subscribe || checkout.AmountTiyin == 0)
            return;
        var subscription = await context.Subscriptions.SingleAsync(cancellationToken);
        var tenant = await context.Tenants.SingleAsync(t => t.Id == subscription.TenantId, cancellationToken);
        var paid = await charges.PayAsync(subscription, checkout.Id.ToString("N"),
            attempt => Charge.ForFirstPayment(subscription, checkout, attempt, time.GetUtcNow()),
            _ =>
            {
                subscription.ActivatePaid(checkout.PlanCode, time.GetUtcNow());
                tenant.Lift(TenantRestrictions.PaymentRequired); // saved with the payment: paying lifts an ended trial's paywall
            },
            cancellationToken);
        if (paid)
            restrictions.Lifted(tenant);
    }

    // The status is a concurrency token: another request claimed this binding first.
    private async Task SaveOrConflictAsync(CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("This code is being checked: wait for the answer.");
        }
    }
}

public sealed class ConfirmCardBindingCommandValidator : AbstractValidator<ConfirmCardBindingCommand>
{
    public ConfirmCardBindingCommandValidator()
    {
        RuleFor(c => c.BindingId).NotEmpty();
        RuleFor(c => c.Otp).NotEmpty().WithMessage("Enter the code from the SMS.")
            .Matches("^[0-9]{4,8}$").WithMessage("Enter the code from the SMS: 4 to 8 digits.");
    }
}
