using VirtuOps.Application.Channels.Common;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>Wakes the delivery worker when messages have been queued.</summary>
internal sealed class OutboundDeliverySignal : WakeUpSignal, IOutboundDeliverySignal
{
    public void MessagesQueued() => Raise();
}
