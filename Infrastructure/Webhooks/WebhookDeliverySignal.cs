using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Infrastructure.Channels;

namespace VirtuOps.Infrastructure.Webhooks;

internal sealed class WebhookDeliverySignal : WakeUpSignal, IWebhookDeliverySignal
{
    public void EventsQueued() => Raise();
}
