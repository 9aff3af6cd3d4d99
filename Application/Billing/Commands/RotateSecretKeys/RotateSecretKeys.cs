using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Commands.RotateSecretKeys;

/// <summary>
/// Re-encrypts every stored secret made with an older key under the current key (after a new key was added and
/// made current), so the old key can be retired: card tokens, channel credentials and webhook signing secrets. Platform admins run it; it
/// reads no secret out.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record RotateSecretKeysCommand : ICommand<int>;

public sealed class RotateSecretKeysCommandHandler(IApplicationDbContext context, ISecretProtector secrets) : ICommandHandler<RotateSecretKeysCommand, int>
{
    public async ValueTask<int> Handle(RotateSecretKeysCommand command, CancellationToken cancellationToken)
    {
        // Every tenant's cards: key rotation is a platform operation.
        var cards = await context.PaymentMethods.IgnoreQueryFilters().Where(p => p.RemovedAt == null).ToListAsync(cancellationToken);
        var rotated = 0;
        foreach (var card in cards.Where(c => secrets.NeedsRotation(c.EncryptedToken)))
        {
            var associatedData = card.Id.ToString();
            card.ReplaceEncryptedToken(secrets.Protect(secrets.Unprotect(card.EncryptedToken, associatedData), associatedData));
            rotated++;
        }

        // Disconnected channels have no credentials left.
        var channels = await context.ChannelConnections.IgnoreQueryFilters().Where(c => c.DisconnectedAt == null).ToListAsync(cancellationToken);
        foreach (var channel in channels.Where(c => secrets.NeedsRotation(c.EncryptedCredentials)))
        {
            var associatedData = channel.Id.ToString();
            channel.ReplaceEncryptedCredentials(secrets.Protect(secrets.Unprotect(channel.EncryptedCredentials, associatedData), associatedData));
            rotated++;
        }

        var subscriptions = await context.WebhookSubscriptions.IgnoreQueryFilters().ToListAsync(cancellationToken);
        foreach (var subscription in subscriptions.Where(s => secrets.NeedsRotation(s.EncryptedSecret)
                     || (s.EncryptedPreviousSecret is { } previous && secrets.NeedsRotation(previous))))
        {
            var associatedData = subscription.Id.ToString();
            subscription.ReplaceEncryptedSecrets(secrets.Protect(secrets.Unprotect(subscription.EncryptedSecret, associatedData), associatedData),
                subscription.EncryptedPreviousSecret is { } previous
                    ? secrets.Protect(secrets.Unprotect(previous, associatedData), associatedData)
                    : null);
            rotated++;
        }

        await context.SaveChangesAsync(cancellationToken);
        return rotated;
    }
}
