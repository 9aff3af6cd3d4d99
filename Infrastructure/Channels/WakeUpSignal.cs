using System.Threading.Channels;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Wakes a background worker. Wake-ups coalesce into one pending flag, so one raised while the worker is busy is not
/// lost: its next wait returns at once.
/// </summary>
internal abstract class WakeUpSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected void Raise() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when signalled or when <paramref name="time"/>'s clock reaches <paramref name="wakeAt"/>.</summary>
    public async Task WaitUntilAsync(DateTimeOffset wakeAt, TimeProvider time, CancellationToken cancellationToken)
    {
        var left = wakeAt - time.GetUtcNow();
        using var timer = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        // The clock may have moved between reading it and starting the timer (a descheduled thread; a test's clock
        // moved by hand, which would leave the timer late by the whole move): past the time now, there is no wait.
        if (time.GetUtcNow() >= wakeAt)
            return;
        using var timerOrStopping = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(timerOrStopping.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The time has come: the worker's next scheduled look.
        }
    }
}
