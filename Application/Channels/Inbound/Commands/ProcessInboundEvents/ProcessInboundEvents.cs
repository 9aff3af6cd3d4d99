using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Channels;

namespace VirtuOps.Application.Channels.Inbound.Commands.ProcessInboundEvents;

/// <summary>
/// Processes the webhook inbox's Pending events, oldest first, in their tenants' scopes. Sent by the background
/// processor when events were stored (<paramref name="RetryFailed"/> false: only new events) and on its periodic
/// sweep (true: events whose earlier attempt failed get another one — the sweep interval is their backoff).
/// </summary>
public sealed record ProcessInboundEventsCommand(bool RetryFailed = true) : ICommand<InboundRunSummary>;

public sealed record InboundRunSummary(int Processed, int Ignored, int FailedAttempts);

public sealed class ProcessInboundEventsCommandHandler(
    IApplicationDbContext context,
    IServiceScopeFactory scopes,
    IInboundEventStore store,
    TimeProvider time,
    ILogger<ProcessInboundEventsCommandHandler> logger) : ICommandHandler<ProcessInboundEventsCommand, InboundRunSummary>
{
    public const int BatchSize = 100;

    private sealed record PendingEvent(Guid Id, Guid TenantId);

    public async ValueTask<InboundRunSummary> Handle(ProcessInboundEventsCommand command, CancellationToken cancellationToken)
    {
        var processed = 0;
        var ignored = 0;
        var failed = 0;
        void Count(InboundEventState? state)
        {
            switch (state)
            {
                case InboundEventState.Processed: processed++; break;
                case InboundEventState.Ignored: ignored++; break;
                case null: failed++; break;
            }
        }

        // One event at a time, so an attempt that fails is counted against that event alone.
        if (command.RetryFailed)
        {
            foreach (var pending in await PendingAsync(retried: true, BatchSize * 10, cancellationToken))
                Count(await ProcessOneAsync(pending, cancellationToken));
        }

        // New events, a tenant's events of a batch in one save. One after another, never in parallel: two first
        // messages of a new customer must not both create the contact, and events of one chat keep their order. One
        // that fails now has an attempt counted and waits for the next sweep. The set guards against an event whose
        // failure could not even be recorded (database gone) coming back in every batch. Webhooks being acknowledged
        // go first: the processor shares the CPU and the database's writer with them.
        var seen = new HashSet<Guid>();
        while (true)
        {
            await store.GiveWayToWebhooksAsync(cancellationToken);
            var batch = (await PendingAsync(retried: false, BatchSize, cancellationToken)).Where(e => seen.Add(e.Id)).ToList();
            if (batch.Count == 0)
                break;
            foreach (var tenant in batch.GroupBy(e => e.TenantId))
            {
                foreach (var state in await ProcessTogetherAsync(tenant.Key, [.. tenant], cancellationToken))
                    Count(state);
            }
        }

        return new InboundRunSummary(processed, ignored, failed);
    }

    // The processor serves every tenant, so it looks across them. A restricted tenant's events stay Pending, untouched,
    // until the restriction is lifted: then they are new again to this query and processed once.
    private Task<List<PendingEvent>> PendingAsync(bool retried, int count, CancellationToken cancellationToken)
    {
        var restricted = ProcessingRestrictions.RestrictedTenantIds(context);
        var pending = context.InboundEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.State == InboundEventState.Pending && !restricted.Contains(e.TenantId));
        return (retried ? pending.Where(e => e.Attempts > 0) : pending.Where(e => e.Attempts == 0))
            .OrderBy(e => e.ReceivedAt)
            .Take(count)
            .Select(e => new PendingEvent(e.Id, e.TenantId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One tenant's events in one scope and one save; when that fails, each again on its own.</summary>
    private async Task<IReadOnlyList<InboundEventState?>> ProcessTogetherAsync(Guid tenantId, List<PendingEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 1)
            return [await ProcessOneAsync(events[0], cancellationToken)];
        try
        {
            var states = await ProcessInScopeAsync(tenantId, events.ConvertAll(e => e.Id), cancellationToken);
            return [.. states.Cast<InboundEventState?>()];
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing of the batch was saved: one by one, so the others go through and only the bad one has an attempt counted.
            logger.LogWarning(exception, "Processing {Count} inbound events together failed; processing them one by one", events.Count);
            var states = new List<InboundEventState?>();
            foreach (var pending in events)
                states.Add(await ProcessOneAsync(pending, cancellationToken));
            return states;
        }
    }

    private async Task<InboundEventState?> ProcessOneAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        try
        {
            var states = await ProcessInScopeAsync(pending.TenantId, [pending.Id], cancellationToken);
            return states.Count == 0 ? null : states[0];
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Processing inbound event {EventId} failed", pending.Id);
            await RecordFailureAsync(pending, exception.Message, cancellationToken);
            return null;
        }
    }

    private async Task<IReadOnlyList<InboundEventState>> ProcessInScopeAsync(Guid tenantId, List<Guid> eventIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<InboundEventProcessor>().ProcessAsync(eventIds, cancellationToken);
    }

    // In a fresh scope: the failed attempt's half-made changes must not be saved with it.
    private async Task RecordFailureAsync(PendingEvent pending, string error, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(pending.TenantId);
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var inbound = await db.InboundEvents.SingleAsync(e => e.Id == pending.Id, cancellationToken);
            inbound.AttemptFailed(error, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Could not record the failed attempt of inbound event {EventId}", pending.Id);
        }
    }
}
