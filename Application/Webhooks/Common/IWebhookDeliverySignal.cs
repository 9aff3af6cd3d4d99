namespace VirtuOps.Application.Webhooks.Common;

/// <summary>Wakes the webhook delivery worker: events were queued, a delivery finished, or a restriction was lifted.</summary>
public interface IWebhookDeliverySignal
{
    void EventsQueued();
}
