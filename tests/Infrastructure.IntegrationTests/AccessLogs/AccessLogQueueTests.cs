using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.AccessLogs;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.AccessLogs;

namespace Infrastructure.IntegrationTests.AccessLogs;

public sealed class AccessLogQueueTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<AccessLogQueue> _log = new();

    private static readonly CapturedRequest Request =
        new(DateTimeOffset.UnixEpoch, IPAddress.Loopback, null, "GET", "/api/system/status", 200, null, null);

    private int Warnings => _log.Collector.GetSnapshot().Count(r => r.Level == LogLevel.Warning);

    [Fact]
    public void A_full_queue_drops_new_entries_counts_them_and_warns_at_most_once_a_minute()
    {
        // Nothing drains this queue, as when the database falls behind.
        var queue = new AccessLogQueue(Options.Create(new AccessLogOptions { QueueCapacity = 2 }), _time, _log);

        queue.TryEnqueue(Request).ShouldBeTrue();
        queue.TryEnqueue(Request).ShouldBeTrue();
        queue.TryEnqueue(Request).ShouldBeFalse();
        queue.TryEnqueue(Request).ShouldBeFalse();

        queue.DroppedCount.ShouldBe(2);
        Warnings.ShouldBe(1);

        _time.Advance(TimeSpan.FromMinutes(1));
        queue.TryEnqueue(Request).ShouldBeFalse();

        queue.DroppedCount.ShouldBe(3);
        Warnings.ShouldBe(2);
        _log.LatestRecord.Message.ShouldContain("3 since start");
    }

    [Fact]
    public async Task A_flush_waits_for_the_writer_and_gives_up_when_cancelled()
    {
        var queue = new AccessLogQueue(Options.Create(new AccessLogOptions()), _time, _log);
        queue.TryEnqueue(Request);
        using var cancellation = new CancellationTokenSource();

        var flush = queue.FlushAsync(cancellation.Token);
        flush.IsCompleted.ShouldBeFalse();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(flush);
    }
}
