using VirtuOps.Application.Channels.Common;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>Wakes the inbound processor when webhooks have been stored.</summary>
internal sealed class InboundEventSignal : WakeUpSignal, IInboundEventSignal
{
    public void EventsStored() => Raise();
}
