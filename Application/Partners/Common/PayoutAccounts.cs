using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Common;

/// <summary>The partner's payout account, and the PINFL check that ties a person's payout card to them.</summary>
public sealed class PayoutAccounts(IApplicationDbContext context, ISecretProtector secrets, IPaylovPayouts paylov, TimeProvider time)
{
    /// <summary>The caller's payout account, tracked; a new one (added) when there is none. Only a partner has one.</summary>
    public async Task<PayoutAccount> OfPartnerAsync(CancellationToken cancellationToken)
    {
        if (!await context.Partners.AnyAsync(cancellationToken))
            throw new NotFoundException("The tenant is not a partner.");
        var account = await context.PayoutAccounts.SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            account = PayoutAccount.Open();
            context.PayoutAccounts.Add(account);
        }

        return account;
    }

    public string Protect(PayoutAccount account, string value) => secrets.Protect(value, account.Id.ToString());

    /// <summary>
    /// For a person with a card and a PINFL, asks Paylov whether the card is theirs; a card that is someone else's is
    /// refused as a field error on <paramref name="field"/> (nothing is saved).
    /// </summary>
    public async Task VerifyPinflAsync(PayoutAccount account, string field, CancellationToken cancellationToken)
    {
        if (account.Kind != PayeeKind.Individual || account.EncryptedCardId is null || account.EncryptedTaxId.Length == 0)
            return;
        var cardId = secrets.Unprotect(account.EncryptedCardId, account.Id.ToString());
        var pinfl = secrets.Unprotect(account.EncryptedTaxId, account.Id.ToString());
        bool matches;
        try
        {
            matches = await paylov.PinflMatchesAsync(cardId, pinfl, cancellationToken);
        }
        catch (PaylovException ex) when (ex is not PaylovUnavailableException)
        {
            throw new ConflictException($"Paylov could not check the PINFL ({ex.Code ?? "refused"}); try again later.");
        }

        if (!matches)
            throw ValidationException.ForField(field, PayeeIds.PinflNotMatching);
        account.PinflVerified(time.GetUtcNow());
    }
}
