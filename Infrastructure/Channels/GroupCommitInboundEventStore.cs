using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Channels;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>
/// Group commit for the webhook inbox. SQLite has one writer and every commit waits for the disk, so one transaction
/// per webhook caps throughput at the disk's sync rate. Instead each webhook queues its events and one committer
/// commits everything queued so far in one transaction, again and again while the queue holds more. Each webhook is
/// answered only after the commit that holds its events. The processor's and the delivery worker's writes take the
/// same writer, after the webhooks queued before them, and give way to webhooks (see <see cref="BackgroundWriteBudget"/>).
/// </summary>
internal sealed class GroupCommitInboundEventStore(IServiceScopeFactory scopes, IInboundEventSignal signal, TimeProvider time)
    : IInboundEventStore, IDatabaseWriter, IDisposable
{
    public const int MaxWebhooksPerCommit = 500;
    private static readonly TimeSpan MaxGiveWay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan QuietMoment = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan InboundActivityResolution = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<Write> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Dictionary<Guid, DateTimeOffset> _lastInboundWritten = [];
    private readonly Lock _storingLock = new();
    private readonly BackgroundWriteBudget _budget = new();
    private int _storing; // webhooks between enqueue and answer
    private int _committing; // 1 while a committer runs
    private TaskCompletionSource _noneStoring = NoneStoring();
    private InboundEventInsert? _insert; // built from the model on the first commit; only the writer uses it
    private AsyncServiceScope? _committer; // the writer's scope for its commits

    private sealed class Write(Guid connectionId, IReadOnlyList<InboundEvent> events)
    {
        public Guid ConnectionId { get; } = connectionId;

        public IReadOnlyList<InboundEvent> Events { get; } = events;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task StoreAsync(Guid connectionId, IReadOnlyList<InboundEvent> events, CancellationToken cancellationToken)
    {
        lock (_storingLock)
        {
            if (_storing++ == 0)
                _noneStoring = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        try
        {
            var write = new Write(connectionId, events);
            _queue.Enqueue(write);
            if (Interlocked.CompareExchange(ref _committing, 1, 0) == 0)
            {
                // On its own thread, since SQLite's async calls complete inline: run here, the committer would hold this
                // webhook's answer until the queue runs dry. Without this request's execution context, since it outlives
                // the request and must not see its HttpContext (its user, its disposed features).
                using (ExecutionContext.SuppressFlow())
                    _ = Task.Run(CommitWhileQueuedAsync, CancellationToken.None);
            }
            await write.Committed.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_storingLock)
            {
                if (--_storing == 0)
                    _noneStoring.TrySetResult();
            }
        }
    }

    public async Task GiveWayToWebhooksAsync(CancellationToken cancellationToken)
    {
        // Woken when the last webhook in flight is answered, not by polling (a 1 ms poll per waiting writer cost ~5 %
        // of the CPU in timers), then a quiet moment is required: under a saturating load every commit answers all
        // callers at once, and a writer let in at each of those instants would take every other turn from webhooks.
        // That is not enough under a burst, so first the budget's wait, one timer. Real time, not the app's clock:
        // these are scheduling pauses, and a test's stopped clock must not hold them.
        var waited = Stopwatch.StartNew();
        if (_budget.WaitAt(Stopwatch.GetTimestamp()) is var overBudget && overBudget > TimeSpan.Zero)
            await Task.Delay(overBudget < MaxGiveWay ? overBudget : MaxGiveWay, cancellationToken);
        while (MaxGiveWay - waited.Elapsed is var left && left > TimeSpan.Zero)
        {
            Task noneStoring;
            lock (_storingLock)
                noneStoring = _noneStoring.Task;
            if (noneStoring.IsCompleted)
                return;
            try
            {
                await noneStoring.WaitAsync(left, cancellationToken);
                await Task.Delay(QuietMoment, cancellationToken);
            }
            catch (TimeoutException)
            {
                return; // webhooks kept coming: background work goes on anyway, so it is never starved
            }
        }
    }

    private static TaskCompletionSource NoneStoring()
    {
        var none = new TaskCompletionSource();
        none.SetResult();
        return none;
    }

    public Task SaveProcessedAsync(IApplicationDbContext context, Func<Task> beforeSave, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            await beforeSave();
            return await context.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

    public async Task<T> RunExclusiveAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        // A background write: webhooks being stored go first (bounded), as the processor's batches let them.
        await GiveWayToWebhooksAsync(cancellationToken);
        return await WriteAsync(write, cancellationToken);
    }

    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        // The same writer as the webhooks, so SQLite's busy handler never puts either to sleep: they queue here and
        // are woken at once. Webhooks queued meanwhile are committed first.
        await _writer.WaitAsync(cancellationToken);
        try
        {
            while (!_queue.IsEmpty)
                await CommitQueuedAsync();
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await write();
            }
            finally
            {
                _budget.Wrote(started, Stopwatch.GetTimestamp(), webhooksWaiting: _queue.Count);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// One committer at a time, started by the webhook that finds none: it commits whatever is queued until the queue
    /// is empty, and each webhook only waits for its own commit. (Handing the writer from one waiting webhook to the
    /// next, each finding its events committed already, cost a thread switch per webhook.)
    /// </summary>
    private async Task CommitWhileQueuedAsync()
    {
        do
        {
            try
            {
                // No caller's token: the queue holds every caller's webhooks.
                await _writer.WaitAsync(CancellationToken.None);
                try
                {
                    while (!_queue.IsEmpty)
                        await CommitQueuedAsync();
                }
                finally
                {
                    _writer.Release();
                }
            }
            finally
            {
                Volatile.Write(ref _committing, 0);
            }

            // A webhook queued after the last look found a committer and did not start one: commit it too.
        }
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _committing, 1, 0) == 0);
    }

    private async Task CommitQueuedAsync()
    {
        var batch = new List<Write>();
        while (batch.Count < MaxWebhooksPerCommit && _queue.TryDequeue(out var queued))
            batch.Add(queued);

        try
        {
            await SaveAsync(batch);
            batch.ForEach(w => w.Committed.TrySetResult());
        }
        catch (Exception exception) when (exception is DbUpdateException or DbException && batch.Count > 1)
        {
            // Another process stored one of these events between our check and our insert, or one webhook holds a
            // row the database refuses: one by one, so each webhook gets its own answer.
            foreach (var write in batch)
                await SaveAloneAsync(write);
        }
        catch (Exception exception)
        {
            batch.ForEach(w => w.Committed.TrySetException(exception));
        }

        signal.EventsStored();
    }

    private async Task SaveAloneAsync(Write write)
    {
        try
        {
            try
            {
                await SaveAsync([write]);
            }
            catch (Exception exception) when (exception is DbUpdateException or DbException)
            {
                await SaveAsync([write]); // a concurrent insert of the same event: the check now sees it and skips it
            }

            write.Committed.TrySetResult();
        }
        catch (Exception exception)
        {
            write.Committed.TrySetException(exception);
        }
    }

    private async Task SaveAsync(List<Write> batch)
    {
        // The committer's own scope and context, kept across commits: building them for each commit was about half
        // of a commit's CPU. Only the writer uses them, and the context tracks nothing from one commit to the next.
        var db = (_committer ??= scopes.CreateAsyncScope()).ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var context = (DbContext)db;
        var insert = _insert ??= InboundEventInsert.For(context);
        var now = time.GetUtcNow();
        var events = batch.SelectMany(w => w.Events).DistinctBy(e => (e.Channel, e.AccountId, e.ExternalId)).ToList();
        Stamp(events, now);

        var connectionIds = batch.Select(w => w.ConnectionId).Distinct().Where(id => IsStale(id, now)).ToList();

        // An own transaction runs inside the execution strategy (SQL Server's retries on transient failures refuse
        // one begun outside it). Not the request's token: the batch holds other webhooks too, and a write begun is finished.
        try
        {
            await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
                await insert.ExecuteAsync(context, insert.SkipsDuplicates ? events : await NewEventsAsync(db, events));
                if (connectionIds.Count > 0)
                {
                    foreach (var connection in await db.ChannelConnections.IgnoreQueryFilters().Where(c => connectionIds.Contains(c.Id)).ToListAsync())
                        connection.InboundReceived(now);
                    await db.SaveChangesAsync(CancellationToken.None);
                }

                await transaction.CommitAsync(CancellationToken.None);
            });
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    // What the save interceptors stamp on an insert, which the raw insert does not go through. No user: a webhook is
    // the provider's call, made without one.
    private static void Stamp(List<InboundEvent> events, DateTimeOffset now)
    {
        foreach (var inboundEvent in events)
        {
            if (inboundEvent.TenantId == Guid.Empty)
                throw new InvalidOperationException("An inbound event is stored for its connection's tenant.");
            inboundEvent.Created = inboundEvent.LastModified = now;
            inboundEvent.CreatedBy = inboundEvent.LastModifiedBy = null;
        }
    }

    // LastInboundAt is a health indicator: to the second is enough, and under load it would otherwise cost a read and
    // an update in every commit. Only the writer (one at a time) touches this.
    private bool IsStale(Guid connectionId, DateTimeOffset now)
    {
        if (_lastInboundWritten.TryGetValue(connectionId, out var written) && now - written < InboundActivityResolution)
            return false;
        _lastInboundWritten[connectionId] = now;
        return true;
    }

    /// <summary>The events not stored yet: redeliveries (even concurrent ones) are skipped here.</summary>
    private static async Task<List<InboundEvent>> NewEventsAsync(IApplicationDbContext db, List<InboundEvent> events)
    {
        var fresh = new List<InboundEvent>();
        foreach (var account in events.GroupBy(e => (e.Channel, e.AccountId)))
        {
            var (channel, accountId) = account.Key;
            var ids = account.Select(e => e.ExternalId).ToList();
            // The unique index (Channel, AccountId, ExternalId) answers this.
            var stored = await db.InboundEvents.IgnoreQueryFilters()
                .Where(e => e.Channel == channel && e.AccountId == accountId && ids.Contains(e.ExternalId))
                .Select(e => e.ExternalId)
                .ToListAsync();
            fresh.AddRange(account.ExceptBy(stored, e => e.ExternalId, StringComparer.Ordinal));
        }

        return fresh;
    }

    public void Dispose()
    {
        _committer?.Dispose();
        _writer.Dispose();
    }
}
