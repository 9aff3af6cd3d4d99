using System.Threading.Channels;
using VirtuOps.Application.Channels.Common;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Wakes the delivery worker. Wake-ups coalesce into one pending flag, so a signal raised while a pass runs is not lost:
/// the next wait returns at once.
/// </summary>
public sealed class OutboundDeliverySignal : IOutboundDeliverySignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void MessagesQueued() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when signalled or when <paramref name="timeout"/> has passed on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var timerOrStopping = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(timerOrStopping.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout: time for the next due message (or the next poll).
        }
    }
}
