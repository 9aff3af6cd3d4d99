using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>
/// One event for one subscription: the outbox row written in the same transaction as the event, and afterwards its
/// line in the delivery log. <see cref="Payload"/> is the exact body sent, so a redelivery sends the same bytes.
/// </summary>
public sealed class WebhookDelivery : TenantOwnedEntity
{
    public const int EventTypeMaxLength = 64;
    public const int ErrorMaxLength = 500;

    private WebhookDelivery(Guid subscriptionId, Guid eventId, string eventType, Guid? orderingKey, long sequence, string payload, DateTimeOffset createdAt)
    {
        SubscriptionId = subscriptionId;
        EventId = eventId;
        EventType = eventType;
        OrderingKey = orderingKey;
        Sequence = sequence;
        Payload = payload;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The envelope's id: the same for every subscription that gets the event, so receivers can drop repeats.</summary>
    public Guid EventId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The conversation (or contact) the event belongs to: its deliveries go out one after another, in order.</summary>
    public Guid? OrderingKey { get; private set; }

    /// <summary>Orders the events of one <see cref="OrderingKey"/>, also those raised in the same instant.</summary>
    public long Sequence { get; private set; }

    public string Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>While pending: not to be tried before this time (backoff, or a claim by a worker sending it).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The receiver's HTTP status of the last attempt; null when it was not reached (timeout, refused).</summary>
    public int? LastResponseCode { get; private set; }

    public int? LastDurationMs { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public static WebhookDelivery Queue(WebhookSubscription subscription, Guid eventId, string eventType, Guid? orderingKey, long sequence,
        string payload, DateTimeOffset createdAt)
    {
        var delivery = new WebhookDelivery(subscription.Id, eventId, eventType, orderingKey, sequence, payload, createdAt);
        delivery.AssignTenant(subscription.TenantId);
        return delivery;
    }

    public void Succeeded(int responseCode, int durationMs, DateTimeOffset at)
    {
        Attempted(responseCode, durationMs, error: null, at);
        Status = WebhookDeliveryStatus.Succeeded;
        DeliveredAt = at;
        NextAttemptAt = null;
    }

    public void AttemptFailed(int? responseCode, int durationMs, string error, DateTimeOffset at, DateTimeOffset retryAt)
    {
        Attempted(responseCode, durationMs, error, at);
        NextAttemptAt = retryAt;
    }

    /// <summary>The retry window is over: the delivery stays in the log as failed (it can still be redelivered by hand).</summary>
    public void GaveUp(int? responseCode, int durationMs, string error, DateTimeOffset at)
    {
        Attempted(responseCode, durationMs, error, at);
        Status = WebhookDeliveryStatus.Failed;
        NextAttemptAt = null;
    }

    /// <summary>Sent again from the start, as the owner asked; it goes through the queue like a new event.</summary>
    public void Redeliver(DateTimeOffset at)
    {
        Status = WebhookDeliveryStatus.Pending;
        CreatedAt = at;
        NextAttemptAt = at;
    }

    private void Attempted(int? responseCode, int durationMs, string? error, DateTimeOffset at)
    {
        Attempts++;
        LastAttemptAt = at;
        LastResponseCode = responseCode;
        LastDurationMs = durationMs;
        LastError = error is null || error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
    }
}
