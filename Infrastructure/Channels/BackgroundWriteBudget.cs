using System.Diagnostics;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Keeps background writes (the processor's saves, the delivery worker's claims and results) from taking the database
/// writer from webhooks under a burst. Giving way only while a webhook is in flight is not enough under a saturating
/// burst: every commit answers all callers at once, so none is in flight for a moment after each, and background
/// writes got in 20–30 % of the time, with every caller queued behind them. So after a background write, the next one
/// waits as long as it took for each webhook it kept waiting, up to nine times as long: under a burst, where every
/// caller queues behind it, background writes get about a tenth of the writer; at a steady rate, where a webhook or
/// two arrives during a write, they are barely held back and their batches stay small. Within the give-way's bound,
/// so background work never stops. Only the writer records; times are <see cref="Stopwatch"/> timestamps.
/// </summary>
internal sealed class BackgroundWriteBudget
{
    /// <summary>At most this much writer time is left to webhooks for each unit a background write held them up.</summary>
    public const int MaxWebhookTimePerBackgroundTime = 9;

    private long _nextWriteAt;

    /// <summary>Records a background write from <paramref name="startedAt"/> to <paramref name="endedAt"/>.</summary>
    public void Wrote(long startedAt, long endedAt, int webhooksWaiting)
    {
        var factor = Math.Min(webhooksWaiting, MaxWebhookTimePerBackgroundTime);
        if (factor > 0)
            Volatile.Write(ref _nextWriteAt, Math.Max(_nextWriteAt, endedAt + (endedAt - startedAt) * factor));
    }

    /// <summary>How long a background write wanting the writer at <paramref name="now"/> should wait first.</summary>
    public TimeSpan WaitAt(long now) =>
        Volatile.Read(ref _nextWriteAt) is var next && next > now ? Stopwatch.GetElapsedTime(now, next) : TimeSpan.Zero;
}
