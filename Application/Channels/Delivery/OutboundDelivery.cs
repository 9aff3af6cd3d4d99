using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Delivery;

public enum DeliveryOutcome
{
    Sent,
    Retrying,
    Failed,

    /// <summary>Held back by our own pacing; not an attempt.</summary>
    Deferred,

    /// <summary>Another worker claimed it first.</summary>
    Skipped,

    /// <summary>An unexpected error; the claim lapses and the message is tried again later.</summary>
    Errored,
}

/// <summary>What one pass did, and when the next message falls due (null: nothing is pending).</summary>
public sealed record DeliveryRunSummary(IReadOnlyDictionary<DeliveryOutcome, int> Outcomes, DateTimeOffset? NextDueAt)
{
    public int Count(DeliveryOutcome outcome) => Outcomes.GetValueOrDefault(outcome);
}

/// <summary>A pending message as the outbox scan sees it; <see cref="NextDeliveryAt"/> is the claim's guard.</summary>
public sealed record DueMessage(Guid Id, Guid TenantId, DateTimeOffset NextDeliveryAt, PaceKey Pace);

/// <summary>
/// One pass over the outbox, across tenants: every message that is due and first in line in its conversation is
/// paced, then sent (conversations in parallel, bounded), each in its own scope under its tenant.
/// </summary>
public sealed class OutboundDelivery(IApplicationDbContext context, IServiceScopeFactory scopes, DeliveryPacer pacer, IDatabaseWriter writer,
    IOptions<DeliveryOptions> options, TimeProvider time, ILogger<OutboundDelivery> logger)
{
    private const int ParkedPerPass = 1_000;

    public async Task<DeliveryRunSummary> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // One instant for the whole pass: claims, pacing and retry times all count from it.
        var now = time.GetUtcNow();
        // The worker serves every tenant, so the scan looks across them; a restricted tenant's messages wait, due, until
        // the restriction is lifted (and are not the next due time meanwhile, which would wake the worker at once).
        var restricted = ProcessingRestrictions.RestrictedTenantIds(context);
        var outbox = context.Messages.IgnoreQueryFilters().AsNoTracking().Where(m => !restricted.Contains(m.TenantId));
        await ParkQueuedBehindAsync(now, cancellationToken);
        var due = await outbox.DueAt(now)
            .Join(context.Conversations.IgnoreQueryFilters(), m => m.ConversationId, c => c.Id,
                (m, c) => new { m.Id, m.TenantId, m.NextDeliveryAt, c.Channel, c.BotId, ConversationId = c.Id })
            .OrderBy(m => m.NextDeliveryAt)
            .Take(options.Value.BatchSize)
            .Select(m => new DueMessage(m.Id, m.TenantId, m.NextDeliveryAt!.Value, new PaceKey(m.Channel, m.BotId, m.ConversationId)))
            .ToListAsync(cancellationToken);

        // Paced before anything is claimed: a send over the provider's rate costs one grouped write, not a claim and a save.
        var planned = due.Zip(pacer.Plan(due.Select(m => m.Pace).ToList(), now), (message, later) => (message, later)).ToList();
        var deferred = planned.Where(p => p.later is not null).Select(p => (p.message, p.later!.Value)).ToList();
        await DeferAsync(deferred, now, cancellationToken);

        var outcomes = new ConcurrentBag<DeliveryOutcome>(deferred.Select(_ => DeliveryOutcome.Deferred));
        var sendable = planned.Where(p => p.later is null).Select(p => p.message);
        await Parallel.ForEachAsync(sendable, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (message, token) => outcomes.Add(await DeliverAsync(message, now, token)));

        // Possibly a message queued behind its head since the parking: the next pass parks it.
        var nextDueAt = await outbox.Where(m => m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt != null)
            .MinAsync(m => m.NextDeliveryAt, cancellationToken);
        return new DeliveryRunSummary(outcomes.CountBy(o => o).ToDictionary(), nextDueAt);
    }

    /// <summary>
    /// Takes the due time off messages queued behind an earlier pending message of their conversation: they cannot be
    /// sent yet, and left due they would fill every scan (a paced or retrying head is due later than the answers queued
    /// after it). <see cref="OutboxQueries.PromoteHeadsAsync"/> gives a parked message its due time back when it
    /// reaches the front. At most <see cref="ParkedPerPass"/> at a time, so one pass never holds the writer for long.
    /// </summary>
    private async Task ParkQueuedBehindAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messages = context.Messages.IgnoreQueryFilters();
        var queuedBehind = await messages.AsNoTracking().Where(m => m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt <= now)
            .QueuedBehind(messages)
            .OrderBy(m => m.NextDeliveryAt)
            .Select(m => m.Id)
            .Take(ParkedPerPass)
            .ToListAsync(cancellationToken);
        if (queuedBehind.Count == 0)
            return;

        // Checked again inside the UPDATE, under the writer: a head that left the queue since the read promoted the
        // message behind it in a writer turn of its own, so the message is parked before that or not at all.
        await writer.RunExclusiveAsync(() => messages
            .Where(m => queuedBehind.Contains(m.Id) && m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt <= now)
            .QueuedBehind(messages)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextDeliveryAt, (DateTimeOffset?)null), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Repairs queues whose head has no due time (a head that left the queue without the sender, such as through a
    /// provider's status callback, or a crash between a send's save and its promotion). The worker runs it at start
    /// and every <see cref="DeliveryOptions.RepairInterval"/>: it reads every pending message.
    /// </summary>
    public async Task<int> PromoteStrandedHeadsAsync(CancellationToken cancellationToken)
    {
        var stranded = await context.Messages.IgnoreQueryFilters().AsNoTracking().NextInLine()
            .Where(m => m.NextDeliveryAt == null).Select(m => m.ConversationId).ToListAsync(cancellationToken);
        return stranded.Count == 0 ? 0 : await writer.RunExclusiveAsync(
            () => context.Messages.IgnoreQueryFilters().PromoteHeadsAsync(stranded, time.GetUtcNow(), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Moves paced messages to their slots, rounded up to whole seconds after the pass so that its deferrals share a
    /// few writes (Telegram's per-chat limit gives every chat its own slot). Pacing is not an attempt; a message another
    /// worker claimed meanwhile (its due time moved past the pass) is left alone.
    /// </summary>
    private async Task DeferAsync(IEnumerable<(DueMessage Message, DateTimeOffset Until)> deferred, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var slot in deferred.GroupBy(d => WholeSecondsAfter(now, d.Until), d => d.Message.Id))
        {
            var ids = slot.ToList();
            DateTimeOffset? until = slot.Key;
            await writer.RunExclusiveAsync(() => context.Messages.IgnoreQueryFilters()
                .Where(m => ids.Contains(m.Id) && m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextDeliveryAt, until), cancellationToken), cancellationToken);
        }
    }

    /// <summary><paramref name="slot"/>, or later by less than a second: a whole number of seconds after the pass.</summary>
    private static DateTimeOffset WholeSecondsAfter(DateTimeOffset now, DateTimeOffset slot) =>
        now.AddTicks((slot.UtcTicks - now.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);

    private async Task<DeliveryOutcome> DeliverAsync(DueMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(message.TenantId);
            return await scope.ServiceProvider.GetRequiredService<OutboundMessageSender>().SendAsync(message, now, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One broken message must not stop the others; its claim lapses and it is tried again.
            logger.LogError(exception, "Delivering message {MessageId} failed unexpectedly", message.Id);
            return DeliveryOutcome.Errored;
        }
    }
}

public static class OutboxQueries
{
    /// <summary>
    /// The pending messages that are first in line in their conversation. Only these may be sent, so a conversation's
    /// messages go out in order and one waiting for a retry holds back the ones after it. (Only outgoing messages are
    /// ever Pending; <see cref="Conversation"/> stamps each message of a conversation with a distinct time.) Reads every
    /// pending message: for the repair, not for the scan.
    /// </summary>
    public static IQueryable<Message> NextInLine(this IQueryable<Message> messages) =>
        from head in messages.Where(m => m.DeliveryStatus == DeliveryStatus.Pending)
            .GroupBy(m => m.ConversationId)
            .Select(line => new { ConversationId = line.Key, SentAt = line.Min(m => m.SentAt) })
        join m in messages on new { head.ConversationId, head.SentAt } equals new { m.ConversationId, m.SentAt }
        where m.DeliveryStatus == DeliveryStatus.Pending
        select m;

    /// <summary>
    /// Those of <paramref name="candidates"/> with no earlier pending message of their conversation in
    /// <paramref name="messages"/>: the heads of their queues.
    /// </summary>
    public static IQueryable<Message> FirstInLine(this IQueryable<Message> candidates, IQueryable<Message> messages) =>
        candidates.Where(m => !messages.Any(e => e.ConversationId == m.ConversationId && e.DeliveryStatus == DeliveryStatus.Pending && e.SentAt < m.SentAt));

    /// <summary>Those of <paramref name="candidates"/> queued behind an earlier pending message of their conversation.</summary>
    public static IQueryable<Message> QueuedBehind(this IQueryable<Message> candidates, IQueryable<Message> messages) =>
        candidates.Where(m => messages.Any(e => e.ConversationId == m.ConversationId && e.DeliveryStatus == DeliveryStatus.Pending && e.SentAt < m.SentAt));

    /// <summary>
    /// The messages to send now: due, and with no earlier pending message in their conversation. Messages queued behind
    /// a head are parked (no due time), so this reads the due heads through the pending due-time index, not the backlog.
    /// </summary>
    public static IQueryable<Message> DueAt(this IQueryable<Message> messages, DateTimeOffset now) =>
        messages.Where(m => m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt <= now)
            .FirstInLine(messages);

    /// <summary>
    /// Makes the new (not yet saved) pending <paramref name="added"/> messages wait when their conversation already has
    /// pending messages, or behind an earlier one of them: only a queue's head has a due time. Run under the writer,
    /// in the turn that saves them.
    /// </summary>
    public static async Task QueueBehindPendingAsync(this IQueryable<Message> messages, IReadOnlyCollection<Message> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0)
            return;
        var conversationIds = added.Select(m => m.ConversationId).Distinct().ToList();
        var queued = (await messages.IgnoreQueryFilters().AsNoTracking()
            .Where(m => conversationIds.Contains(m.ConversationId) && m.DeliveryStatus == DeliveryStatus.Pending)
            .Select(m => m.ConversationId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        foreach (var line in added.GroupBy(m => m.ConversationId))
        {
            foreach (var message in line.OrderBy(m => m.SentAt).Skip(queued.Contains(line.Key) ? 0 : 1))
                message.WaitForEarlierMessages();
        }
    }

    /// <summary>
    /// Gives each conversation's first pending message its due time back when it was parked: called, under the writer,
    /// whenever a message leaves the queue, so the one behind it goes next.
    /// </summary>
    public static Task<int> PromoteHeadsAsync(this IQueryable<Message> messages, IReadOnlyCollection<Guid> conversationIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? dueNow = now;
        return messages
            .Where(m => conversationIds.Contains(m.ConversationId) && m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt == null)
            .FirstInLine(messages)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextDeliveryAt, dueNow), cancellationToken);
    }
}
