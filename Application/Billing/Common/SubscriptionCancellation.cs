using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Billing.Common;

/// <summary>
/// The one way the current tenant's subscription is cancelled, whether the owner presses Cancel or withdraws the
/// recurring-charges consent: no further charges, the consent is withdrawn and the card token is deleted (and
/// removed at Paylov). The service runs until the end of the month already paid for. Support cancels on a customer's
/// behalf through it too, with the request scoped to that tenant (<see cref="ICurrentTenant.Use"/>).
/// </summary>
public sealed class SubscriptionCancellation(
    IApplicationDbContext context, ICurrentUser currentUser, ICurrentTenant currentTenant, IClientInfo client, IPaylovClient paylov, ISecretProtector secrets,
    BillingMail mail, TimeProvider time, ILogger<SubscriptionCancellation> logger)
{
    /// <summary>What the withdrawal of the recurring-charges consent means, recorded with it.</summary>
    public const string ConsentWithdrawalEffect = "No further automatic charges; the stored card token is deleted.";

    /// <summary>Cancels and returns when.</summary>
    public async Task<DateTimeOffset> CancelAsync(CancellationToken cancellationToken)
    {
        var subscription = await context.Subscriptions.SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("No subscription.");
        var now = time.GetUtcNow();
        subscription.Cancel();

        foreach (var card in await context.PaymentMethods.Where(p => p.RemovedAt == null).ToListAsync(cancellationToken))
        {
            try
            {
                await paylov.RemoveCardAsync(secrets.Unprotect(card.EncryptedToken, card.Id.ToString()), cancellationToken);
            }
            catch (Exception ex) when (ex is PaylovUnavailableException or HttpRequestException)
            {
                // Our copy goes regardless; without it the card can never be charged by us again.
                logger.LogWarning("Paylov did not confirm removing card {PaymentMethodId}", card.Id);
            }

            card.Remove(now);
        }

        var latest = await context.ConsentRecords.Where(c => c.TenantId == currentTenant.Id && c.Kind == ConsentKind.RecurringCharges)
            .OrderByDescending(c => c.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        if (latest is { Action: ConsentAction.Granted })
            context.ConsentRecords.Add(ConsentRecord.Withdraw(currentUser.UserId ?? throw new SignInRequiredException(), currentTenant.Id, ConsentKind.RecurringCharges,
                latest.DocumentVersion, now, client.IpAddress, client.UserAgent, ConsentWithdrawalEffect));

        await context.SaveChangesAsync(cancellationToken);
        await mail.SendToOwnerAsync(subscription.TenantId, "VirtuOps: obuna bekor qilindi / Subscription cancelled",
            $"Obuna {subscription.CurrentPeriodEnd:yyyy-MM-dd} gacha ishlaydi, keyin to‘lov olinmaydi. Karta ma’lumotlari o‘chirildi. / Your subscription runs until {subscription.CurrentPeriodEnd:yyyy-MM-dd}; nothing more will be charged and the card was removed.",
            cancellationToken);
        return now;
    }
}
