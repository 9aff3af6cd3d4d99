using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.AdminPayouts.Common;

/// <summary>
/// Sends an approved payout by Paylov A2C, exactly once. The payout is saved as <see cref="PayoutStatus.Paying"/>
/// before Paylov is called, with our id as the external id. When the outcome is unknown (a timeout, a crash before the
/// answer was saved) the payout stays Paying, and approving it again reconciles: once the attempt has surely ended
/// (<c>Partners:PayoutReconcileAfter</c>) Paylov is asked by external id, and only a payout Paylov does not know is sent
/// again, after a save that only one caller can make (the sending time is a concurrency token).
/// </summary>
public sealed class PayoutSender(
    IApplicationDbContext context, IPaylovPayouts paylov, ISecretProtector secrets, IOptions<PartnerOptions> options, TimeProvider time,
    ILogger<PayoutSender> logger)
{
    /// <summary>Settles a Paying payout left by an earlier attempt: asks Paylov, then sends it again only if Paylov never got it.</summary>
    public async Task ReconcileAsync(Payout payout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - payout.SendingSince < options.Value.PayoutReconcileAfter)
            throw new ConflictException("The payout is being sent; approve it again in a few minutes to check on it.");

        PayoutResult known;
        try
        {
            known = await paylov.GetPayoutAsync(payout.ExternalId, cancellationToken);
        }
        catch (PaylovUnavailableException)
        {
            throw new ConflictException("Paylov did not answer; approve the payout again later to check on it.");
        }

        if (known.State != PayoutState.NotFound)
        {
            await ApplyAsync(payout, known, cancellationToken);
            return;
        }

        // Paylov never got it: send it again, after claiming this attempt (only one caller's save passes).
        payout.SendAgain(now);
        await SaveClaimAsync(cancellationToken);
        await SendAsync(payout, cancellationToken);
    }

    /// <summary>Sends a payout already saved as Paying, and saves what Paylov answered (or leaves it Paying when unknown).</summary>
    public async Task SendAsync(Payout payout, CancellationToken cancellationToken)
    {
        var account = await context.PayoutAccounts.AsNoTracking().SingleAsync(a => a.TenantId == payout.TenantId, cancellationToken);
        var cardId = secrets.Unprotect(account.EncryptedCardId!, account.Id.ToString());
        PayoutResult result;
        try
        {
            result = await paylov.PayOutAsync(new PayoutToCard(PaylovUser.Of(payout.TenantId), cardId, payout.AmountTiyin, payout.ExternalId), cancellationToken);
        }
        catch (PaylovUnavailableException)
        {
            logger.LogWarning("Payout {PayoutId}: Paylov's answer is unknown; it stays Paying and is reconciled by its external id", payout.Id);
            return;
        }

        await ApplyAsync(payout, result, cancellationToken);
    }

    /// <summary>Saves the payout's saved state after a claim; another caller's claim first means this one stops.</summary>
    public async Task SaveClaimAsync(CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Another approval is sending this payout.");
        }
    }

    private async Task ApplyAsync(Payout payout, PayoutResult result, CancellationToken cancellationToken)
    {
        switch (result.State)
        {
            case PayoutState.Succeeded:
                payout.Paid(result.TransactionId);
                break;
            case PayoutState.Failed:
                payout.Failed(result.ErrorCode ?? "refused");
                // The held amount is the partner's again.
                context.PartnerLedger.Add(PartnerLedgerEntry.PayoutReturned(payout.TenantId, payout.Id, payout.AmountTiyin, time.GetUtcNow()));
                break;
            default:
                return; // Paylov has not settled it: it stays Paying.
        }

        await context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Payout {PayoutId}: {Status}", payout.Id, payout.Status);
    }
}
