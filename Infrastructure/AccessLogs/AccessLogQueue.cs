using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.AccessLogs;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.AccessLogs;

/// <summary>
/// The bounded hand-over between request threads and <see cref="AccessLogBatchWriter"/>. A request only ever
/// tries to write; a full queue means the database is behind, and then dropping an entry beats slowing every request.
/// </summary>
internal sealed class AccessLogQueue : IAccessLogWriter
{
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<QueueItem> _channel;
    private readonly int _capacity;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AccessLogQueue> _logger;
    private long _dropped;
    private long _nextDropWarningTimestamp;

    public AccessLogQueue(IOptions<AccessLogOptions> options, TimeProvider timeProvider, ILogger<AccessLogQueue> logger)
    {
        _capacity = options.Value.QueueCapacity;
        _timeProvider = timeProvider;
        _logger = logger;
        // Wait mode makes TryWrite refuse when full (so drops can be counted) while FlushAsync can still wait for room.
        _channel = Channel.CreateBounded<QueueItem>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Entries dropped because the queue was full, since start.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    internal ChannelReader<QueueItem> Reader => _channel.Reader;

    public bool TryEnqueue(CapturedRequest request)
    {
        if (_channel.Writer.TryWrite(new QueueItem(request, null)))
            return true;

        WarnAboutDrop(Interlocked.Increment(ref _dropped));
        return false;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // The marker queues behind everything enqueued so far; the writer completes it after storing what came before.
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new QueueItem(null, flushed), cancellationToken);
        await flushed.Task.WaitAsync(cancellationToken);
    }

    // At most one warning a minute: a full queue under load would otherwise flood the log it is warning about.
    private void WarnAboutDrop(long droppedSoFar)
    {
        var now = _timeProvider.GetTimestamp();
        var next = Interlocked.Read(ref _nextDropWarningTimestamp);
        var after = now + (long)(DropWarningInterval.TotalSeconds * _timeProvider.TimestampFrequency);
        if (now < next || Interlocked.CompareExchange(ref _nextDropWarningTimestamp, after, next) != next)
            return;

        _logger.LogWarning("The access-log queue is full ({Capacity} entries): an entry was dropped, {DroppedCount} since start",
            _capacity, droppedSoFar);
    }
}

/// <summary>Either a captured request or a flush marker.</summary>
internal sealed record QueueItem(CapturedRequest? Request, TaskCompletionSource? Flushed);
