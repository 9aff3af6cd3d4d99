using System.Diagnostics;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Keeps background writes (the processor's saves, the delivery worker's claims and results) to about a tenth of the
/// database writer while they keep webhooks waiting. Giving way only while a webhook is in flight is not enough under
/// a saturating burst: every commit answers all callers at once, so none is in flight for a moment after each, and
/// background writes got in 20–30 % of the time, with every caller queued behind them. After a background write that
/// held webhooks up, the next one waits nine times as long as it took (within the give-way's bound, so background work
/// never stops). Only the writer records; times are <see cref="Stopwatch"/> timestamps.
/// </summary>
internal sealed class BackgroundWriteBudget
{
    /// <summary>Writer time left to webhooks for each unit of time a background write held them up.</summary>
    public const int WebhookTimePerBackgroundTime = 9;

    private long _nextWriteAt;

    /// <summary>Records a background write from <paramref name="startedAt"/> to <paramref name="endedAt"/>.</summary>
    public void Wrote(long startedAt, long endedAt, bool webhooksWaited)
    {
        if (webhooksWaited)
            Volatile.Write(ref _nextWriteAt, Math.Max(_nextWriteAt, endedAt + (endedAt - startedAt) * WebhookTimePerBackgroundTime));
    }

    /// <summary>How long a background write wanting the writer at <paramref name="now"/> should wait first.</summary>
    public TimeSpan WaitAt(long now) =>
        Volatile.Read(ref _nextWriteAt) is var next && next > now ? Stopwatch.GetElapsedTime(now, next) : TimeSpan.Zero;
}
