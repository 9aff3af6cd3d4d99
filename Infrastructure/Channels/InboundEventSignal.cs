using System.Threading.Channels;
using VirtuOps.Application.Channels.Common;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>A wake-up flag for the inbound processor: any number of signals while it is busy make one more pass.</summary>
internal sealed class InboundEventSignal : IInboundEventSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void EventsStored() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for a signal or until <paramref name="timeout"/>; true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken stoppingToken)
    {
        using var timer = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, stoppingToken);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
