using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.AdminOperations.Queries.GetOperations;

/// <summary>
/// The platform's queues at a glance for staff on duty: channel webhooks stored but not processed, outgoing channel
/// messages waiting and given up per channel, integrators' webhooks, receipts not yet fiscalised or e-mailed, data
/// exports being built; the background jobs' last and next runs; the latest demo requests. Counts only, no customer data.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetOperationsQuery : IQuery<OperationsDto>;

public sealed record OperationsDto(
    DateTimeOffset At,
    InboundQueueDto Inbound,
    IReadOnlyList<ChannelOutboxDto> Outbox,
    OutgoingWebhooksDto Webhooks,
    int ReceiptsPending,
    int ExportsRunning,
    IReadOnlyList<ScheduledJob> Jobs,
    IReadOnlyList<RecentDemoRequestDto> DemoRequests);

/// <param name="Pending">Stored and waiting for the processor.</param>
/// <param name="OldestPendingAt">When the longest-waiting one arrived: a queue that does not move shows here first.</param>
/// <param name="Failed">Kept after processing kept failing, for inspection.</param>
public sealed record InboundQueueDto(int Pending, DateTimeOffset? OldestPendingAt, int Failed);

/// <param name="Channel">The messaging channel (the widget has no outbox: its replies are read, not sent).</param>
/// <param name="Pending">Replies waiting to be sent (or retried) to the channel.</param>
/// <param name="OldestPendingAt">When the longest-waiting reply was written.</param>
/// <param name="FailedLastDay">Replies given up on in the last 24 hours (dead-lettered).</param>
public sealed record ChannelOutboxDto(Channel Channel, int Pending, DateTimeOffset? OldestPendingAt, int FailedLastDay);

/// <param name="Pending">Events queued for integrators' receivers.</param>
/// <param name="Failed">Events given up on after the retry window (kept for the delivery log's retention).</param>
/// <param name="DisabledSubscriptions">Subscriptions switched off after failing for the whole retry window.</param>
public sealed record OutgoingWebhooksDto(int Pending, int Failed, int DisabledSubscriptions);

public sealed record RecentDemoRequestDto(Guid Id, string CompanyName, string FullName, string Email, string? PhoneNumber, DateTimeOffset Created);

public sealed class GetOperationsQueryHandler(IApplicationDbContext context, IScheduledJobs jobs, TimeProvider time)
    : IQueryHandler<GetOperationsQuery, OperationsDto>
{
    private const int RecentDemoRequests = 10;

    public async ValueTask<OperationsDto> Handle(GetOperationsQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dayAgo = now.AddDays(-1);

        // Staff have no tenant: every count is across tenants.
        var inbound = context.InboundEvents.IgnoreQueryFilters();
        var pendingInbound = inbound.Where(e => e.State == InboundEventState.Pending);
        var inboundQueue = new InboundQueueDto(
            await pendingInbound.CountAsync(cancellationToken),
            await pendingInbound.OrderBy(e => e.ReceivedAt).Select(e => (DateTimeOffset?)e.ReceivedAt).FirstOrDefaultAsync(cancellationToken),
            await inbound.CountAsync(e => e.State == InboundEventState.Failed, cancellationToken));

        var outbound = from m in context.Messages.IgnoreQueryFilters()
                       join c in context.Conversations.IgnoreQueryFilters() on m.ConversationId equals c.Id
                       select new { m.DeliveryStatus, m.SentAt, c.Channel };
        var pending = await outbound.Where(m => m.DeliveryStatus == DeliveryStatus.Pending)
            .GroupBy(m => m.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count(), Oldest = g.Min(m => m.SentAt) })
            .ToDictionaryAsync(p => p.Channel, cancellationToken);
        var failed = await outbound.Where(m => m.DeliveryStatus == DeliveryStatus.Failed && m.SentAt >= dayAgo)
            .GroupBy(m => m.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count() })
            .ToDictionaryAsync(f => f.Channel, f => f.Count, cancellationToken);
        var outbox = Enum.GetValues<Channel>().Where(c => c != Channel.Widget)
            .Select(channel => pending.TryGetValue(channel, out var waiting)
                ? new ChannelOutboxDto(channel, waiting.Count, waiting.Oldest, failed.GetValueOrDefault(channel))
                : new ChannelOutboxDto(channel, 0, null, failed.GetValueOrDefault(channel)))
            .ToList();

        var deliveries = context.WebhookDeliveries.IgnoreQueryFilters();
        var webhooks = new OutgoingWebhooksDto(
            await deliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Pending, cancellationToken),
            await deliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Failed, cancellationToken),
            await context.WebhookSubscriptions.IgnoreQueryFilters().CountAsync(s => s.DisabledAt != null, cancellationToken));

        var receiptsPending = await context.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.EmailedAt == null, cancellationToken);
        var exportsRunning = await context.DataExports.IgnoreQueryFilters().CountAsync(e => e.Status == DataExportStatus.Pending, cancellationToken);

        var demoRequests = await context.DemoRequests.AsNoTracking()
            .OrderByDescending(d => d.Created)
            .Take(RecentDemoRequests)
            .Select(d => new RecentDemoRequestDto(d.Id, d.CompanyName, d.FullName, d.Email, d.PhoneNumber, d.Created))
            .ToListAsync(cancellationToken);

        return new OperationsDto(now, inboundQueue, outbox, webhooks, receiptsPending, exportsRunning,
            await jobs.ListAsync(cancellationToken), demoRequests);
    }
}
