using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;

namespace VirtuOps.Infrastructure.AccessLogs;

/// <summary>
/// Drains <see cref="AccessLogQueue"/> and stores entries in batches (up to <see cref="MaxBatchSize"/>, or what
/// arrived within <see cref="BatchWindow"/> of the first), one SaveChanges per batch in its own scope. A failed
/// batch is logged and dropped: losing some access-log lines must never take the host down.
/// </summary>
internal sealed class AccessLogBatchWriter(
    AccessLogQueue queue,
    IServiceScopeFactory scopeFactory,
    TimeProvider timeProvider,
    ILogger<AccessLogBatchWriter> logger) : BackgroundService
{
    public const int MaxBatchSize = 200;
    public static readonly TimeSpan BatchWindow = TimeSpan.FromSeconds(2);

    // Only ever touched by one reader: ExecuteAsync, or StopAsync once ExecuteAsync has ended.
    private readonly List<CapturedRequest> _batch = new(MaxBatchSize);
    private readonly List<TaskCompletionSource> _flushes = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await FillBatchAsync(stoppingToken);
                await WriteBatchAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync stores what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Store what is still queued so a restart loses as little as possible, unless the host's shutdown
        // timeout ran out while a batch is still being written.
        if (ExecuteTask is { IsCompleted: false })
            return;
        while (queue.Reader.TryRead(out var item))
        {
            Take(item);
            if (_batch.Count >= MaxBatchSize)
                await WriteBatchAsync();
        }

        await WriteBatchAsync();
    }

    /// <summary>Reads until the batch is full, a flush is asked for, or the batch window closes.</summary>
    private async Task FillBatchAsync(CancellationToken stoppingToken)
    {
        using var window = new CancellationTokenSource(BatchWindow, timeProvider);
        using var windowOrStopping = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stoppingToken);
        try
        {
            do
            {
                while (_batch.Count < MaxBatchSize && _flushes.Count == 0 && queue.Reader.TryRead(out var item))
                    Take(item);
            }
            while (_batch.Count < MaxBatchSize && _flushes.Count == 0 && await queue.Reader.WaitToReadAsync(windowOrStopping.Token));
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window closed: write what we have.
        }
    }

    private void Take(QueueItem item)
    {
        if (item.Request is not null)
            _batch.Add(item.Request);
        if (item.Flushed is not null)
            _flushes.Add(item.Flushed);
    }

    private async Task WriteBatchAsync()
    {
        try
        {
            if (_batch.Count > 0)
                await SaveAsync(_batch);
        }
        catch (Exception exception) // Any failure (database down, disk full, bad data) must not stop the writer.
        {
            logger.LogError(exception, "Could not store {Count} access-log entries; they are dropped", _batch.Count);
        }
        finally
        {
            _batch.Clear();
            _flushes.ForEach(flushed => flushed.TrySetResult());
            _flushes.Clear();
        }
    }

    private async Task SaveAsync(List<CapturedRequest> batch)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        context.AccessLogs.AddRange(batch.Select(ToEntry));
        // Not the stopping token: a batch already being written is finished rather than thrown away on shutdown.
        await context.SaveChangesAsync(CancellationToken.None);
    }

    private static AccessLogEntry ToEntry(CapturedRequest request)
    {
        var client = UserAgentParser.Parse(request.UserAgent);
        var ip = request.IpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : request.IpAddress;
        return AccessLogEntry.Record(
            request.OccurredAt,
            ip?.ToString(),
            request.UserAgent,
            client.Browser,
            client.OperatingSystem,
            client.Device,
            request.Method,
            request.Path,
            request.StatusCode,
            request.UserId,
            request.TenantId);
    }
}
