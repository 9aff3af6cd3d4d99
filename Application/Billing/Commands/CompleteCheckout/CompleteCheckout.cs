using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Billing.Commands.CompleteCheckout;

/// <summary>
/// The owner is back from Paylov's page: if the card was confirmed (with its SMS code) we keep its encrypted token,
/// record the consent to recurring charges, and start or continue the subscription. Doing it twice does it once.
/// Paying for a plan lifts the paywall of an ended trial at once.
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted(TenantRestrictions.PaymentRequired)]
public sealed record CompleteCheckoutCommand(Guid CheckoutId) : ICommand<CheckoutResultDto>;

public sealed record CheckoutResultDto(CheckoutStatus Status, string? FailureReason);

public sealed class CompleteCheckoutCommandHandler(
    IApplicationDbContext context,
    ICurrentUser currentUser,
    IClientInfo client,
    IPaylovClient paylov,
    ISecretProtector secrets,
    ReceiptIssuer receipts,
    RenewalProcessor renewals,
    ProcessingRestrictions restrictions,
    IOptions<LegalDocumentsOptions> legal,
    TimeProvider time) : ICommandHandler<CompleteCheckoutCommand, CheckoutResultDto>
{
    public async ValueTask<CheckoutResultDto> Handle(CompleteCheckoutCommand command, CancellationToken cancellationToken)
    {
        var checkout = await context.CheckoutSessions.SingleOrDefaultAsync(c => c.Id == command.CheckoutId, cancellationToken)
            ?? throw new NotFoundException("No such checkout.");
        if (checkout.Status != CheckoutStatus.Pending)
            return new CheckoutResultDto(checkout.Status, checkout.FailureReason);

        var result = await paylov.GetCardBindingAsync(checkout.PaylovSessionId, cancellationToken);
        if (result.Status == CardBindingStatus.Pending)
            return new CheckoutResultDto(CheckoutStatus.Pending, null);
        if (result.Status == CardBindingStatus.Failed || result.Card is null)
        {
            checkout.Fail(result.FailureReason ?? "The card was not confirmed.");
            await context.SaveChangesAsync(cancellationToken);
            return new CheckoutResultDto(checkout.Status, checkout.FailureReason);
        }

        var now = time.GetUtcNow();
        foreach (var old in await context.PaymentMethods.Where(p => p.RemovedAt == null).ToListAsync(cancellationToken))
            old.Remove(now);
        var card = result.Card;
        context.PaymentMethods.Add(PaymentMethod.Bind(id => secrets.Protect(card.CardId, id.ToString()), card.MaskedPan, card.CardType.ToString(), card.ExpiryYyMm));
        context.ConsentRecords.Add(ConsentRecord.Grant(currentUser.UserId ?? throw new SignInRequiredException(), currentUser.TenantId, ConsentKind.RecurringCharges,
            legal.Value.PublicOfferVersion, now, client.IpAddress, client.UserAgent));

        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken);
        Charge? firstPayment = null;
        FiscalReceiptRecord? receipt = null;
        Tenant? paywalled = null;
        if (checkout.Purpose == CheckoutPurpose.Subscribe)
        {
            if (subscription is null)
            {
                subscription = Subscription.StartPaid(checkout.PlanCode, now);
                context.Subscriptions.Add(subscription);
            }
            else
            {
                subscription.ActivatePaid(checkout.PlanCode, now);
            }

            paywalled = await context.Tenants.SingleAsync(t => t.Id == currentUser.TenantId, cancellationToken);
            paywalled.Lift(TenantRestrictions.PaymentRequired);
            firstPayment = Charge.FirstPayment(subscription, checkout.PlanCode, checkout.AmountTiyin, result.TransactionId ?? checkout.PaylovSessionId, now);
            context.Charges.Add(firstPayment);
            receipt = FiscalReceiptRecord.For(firstPayment);
            context.FiscalReceipts.Add(receipt);
        }
        else
        {
            subscription!.CardUpdated(now);
        }

        checkout.Complete();
        await context.SaveChangesAsync(cancellationToken);
        if (paywalled is not null)
            restrictions.Lifted(paywalled);

        if (receipt is not null)
            await receipts.IssueAsync(receipt, firstPayment!, cancellationToken);
        else if (subscription.IsDueForCharge(now))
            await renewals.RenewAsync(subscription.Id, cancellationToken); // a new card retries a lapsed renewal at once
        return new CheckoutResultDto(checkout.Status, null);
    }
}
