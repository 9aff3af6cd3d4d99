namespace VirtuOps.Application.Channels.Common;

/// <summary>Wakes the inbound processor when webhook events were stored, so it need not poll tightly.</summary>
public interface IInboundEventSignal
{
    void EventsStored();
}

/// <summary>Wakes the delivery worker when outgoing messages were queued (saved as Pending).</summary>
public interface IOutboundDeliverySignal
{
    void MessagesQueued();
}
