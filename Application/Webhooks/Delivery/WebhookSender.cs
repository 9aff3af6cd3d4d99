using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Delivery;

/// <summary>Signs and posts one claimed delivery. It touches no database: the result is recorded by the next pass.</summary>
public sealed class WebhookSender(IWebhookClient client, ISecretProtector secrets, TimeProvider time)
{
    public async Task<DeliveryAttempt> SendAsync(ClaimedDelivery delivery, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var attemptAt = time.GetUtcNow();
        var signingSecrets = subscription.SigningSecrets(attemptAt).Select(s => secrets.Unprotect(s, subscription.Id.ToString()));
        var signature = WebhookSignature.Header(signingSecrets, attemptAt, delivery.Payload);
        var result = await client.PostAsync(subscription.Url, delivery.Payload, signature, delivery.EventId, delivery.EventType, cancellationToken);
        return new DeliveryAttempt(delivery.Id, result, time.GetUtcNow());
    }
}
