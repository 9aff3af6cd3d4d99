using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Webhooks;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Webhooks;

/// <summary>
/// Turns what a save changes into outgoing webhook events: for every enabled subscription of the tenant that wants the
/// event, a <see cref="WebhookDelivery"/> is added to the same save, so an event is queued exactly when its change is
/// committed (the outbox). Reading the change tracker catches every path (widget, channels, inbox, billing) without each
/// use case having to remember it.
/// </summary>
internal sealed class WebhookOutboxInterceptor(IWebhookDeliverySignal signal, ICurrentTenant currentTenant, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static long _lastSequence;
    private bool _queued;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ApplicationDbContext context)
            await QueueAsync(context, cancellationToken);
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ApplicationDbContext context)
            QueueAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeWorker();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeWorker();
        return base.SavedChanges(eventData, result);
    }

    private void WakeWorker()
    {
        if (!_queued)
            return;
        _queued = false;
        signal.EventsQueued();
    }

    private async Task QueueAsync(ApplicationDbContext context, CancellationToken cancellationToken)
    {
        // Rows a signed-in request adds get their tenant from the tenant stamp, which runs after this.
        var events = Detect(context.ChangeTracker)
            .Select(e => e.TenantId == Guid.Empty && currentTenant.Id is { } tenantId ? e with { TenantId = tenantId } : e)
            .Where(e => e.TenantId != Guid.Empty)
            .ToList();
        if (events.Count == 0)
            return;
        var tenantIds = events.Select(e => e.TenantId).Distinct().ToList();
        var subscriptions = await context.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => tenantIds.Contains(s.TenantId) && s.DisabledAt == null)
            .ToListAsync(cancellationToken);
        if (subscriptions.Count == 0)
            return;

        var now = time.GetUtcNow();
        foreach (var raised in events)
        {
            var wanting = subscriptions.Where(s => s.TenantId == raised.TenantId && s.Wants(raised.Type)).ToList();
            if (wanting.Count == 0)
                continue;
            var eventId = Guid.CreateVersion7();
            var body = JsonSerializer.Serialize(new WebhookEnvelope(eventId, raised.Type, now, raised.TenantId, raised.Data), Json);
            var sequence = NextSequence(now);
            foreach (var subscription in wanting)
                context.WebhookDeliveries.Add(WebhookDelivery.Queue(subscription, eventId, raised.Type, raised.OrderingKey, sequence, body, now));
            _queued = true;
        }
    }

    /// <summary>Increasing within the process, near the clock across processes: orders the events of one conversation.</summary>
    private static long NextSequence(DateTimeOffset now)
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastSequence);
            var next = Math.Max(last + 1, now.UtcTicks);
            if (Interlocked.CompareExchange(ref _lastSequence, next, last) == last)
                return next;
        }
    }

    private sealed record RaisedEvent(Guid TenantId, string Type, Guid? OrderingKey, object Data);

    /// <summary>The events a save raises, in the order a receiver expects them: who, then where, then what was said.</summary>
    private static List<RaisedEvent> Detect(ChangeTracker tracker)
    {
        var events = new List<RaisedEvent>();
        foreach (var entry in tracker.Entries<Contact>().Where(e => e.State == EntityState.Added))
        {
            var c = entry.Entity;
            events.Add(new(c.TenantId, WebhookEventTypes.ContactCreated, c.Id, new { c.Id, c.Channel, c.DisplayName }));
        }

        foreach (var entry in tracker.Entries<Conversation>().Where(e => e.State == EntityState.Added))
            events.Add(new(entry.Entity.TenantId, WebhookEventTypes.ConversationCreated, entry.Entity.Id, ConversationData(entry.Entity)));

        foreach (var entry in tracker.Entries<Message>().Where(e => e.State is EntityState.Added or EntityState.Modified).OrderBy(e => e.Entity.SentAt))
        {
            if (MessageEvent(entry) is { } type)
                events.Add(new(entry.Entity.TenantId, type, entry.Entity.ConversationId, MessageData(entry.Entity)));
        }

        foreach (var entry in tracker.Entries<Conversation>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            // A conversation whose first message asks for a person is handed over as it starts.
            var before = entry.State == EntityState.Added ? ConversationStatus.Bot : entry.Property(c => c.Status).OriginalValue;
            var after = entry.Entity.Status;
            var type = after == before ? null
                : after == ConversationStatus.Closed ? WebhookEventTypes.ConversationClosed
                : before == ConversationStatus.Bot && after is ConversationStatus.WaitingForHuman or ConversationStatus.Human ? WebhookEventTypes.ConversationHandedOver
                : null;
            if (type is not null)
                events.Add(new(entry.Entity.TenantId, type, entry.Entity.Id, ConversationData(entry.Entity)));
        }

        foreach (var entry in tracker.Entries<Subscription>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var s = entry.Entity;
            if (entry.State == EntityState.Added || entry.Property(x => x.Status).IsModified && !Equals(entry.Property(x => x.Status).OriginalValue, s.Status)
                || entry.Property(x => x.PlanCode).IsModified && entry.Property(x => x.PlanCode).OriginalValue != s.PlanCode
                || entry.Property(x => x.CancelAtPeriodEnd).IsModified && entry.Property(x => x.CancelAtPeriodEnd).OriginalValue != s.CancelAtPeriodEnd)
                events.Add(new(s.TenantId, WebhookEventTypes.SubscriptionChanged, null,
                    new { s.PlanCode, s.Status, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelAtPeriodEnd }));
        }

        return events;
    }

    private static string? MessageEvent(EntityEntry<Message> entry)
    {
        var message = entry.Entity;
        if (entry.State == EntityState.Added)
            return message.Direction == MessageDirection.Inbound ? WebhookEventTypes.MessageReceived
                : message.DeliveryStatus == DeliveryStatus.Sent ? WebhookEventTypes.MessageSent // the widget's replies are sent at once
                : null;
        var before = entry.Property(m => m.DeliveryStatus).OriginalValue;
        return message.Direction != MessageDirection.Outbound || before == message.DeliveryStatus ? null
            : before == DeliveryStatus.Pending && message.DeliveryStatus is DeliveryStatus.Sent or DeliveryStatus.Delivered or DeliveryStatus.Read
                ? WebhookEventTypes.MessageSent
            : message.DeliveryStatus == DeliveryStatus.Failed ? WebhookEventTypes.MessageFailed
            : null;
    }

    private static object ConversationData(Conversation c) => new { c.Id, c.BotId, c.ContactId, c.Channel, c.Status };

    private static object MessageData(Message m) => new
    {
        m.Id, m.ConversationId, m.Direction, m.Author, m.ContentType, m.Text, m.SentAt, m.DeliveryStatus,
        Error = m.DeliveryStatus == DeliveryStatus.Failed ? m.DeliveryError : null,
    };
}

/// <summary>What every delivery's body is: the event's id (the same for each subscription), type, time, tenant and data.</summary>
public sealed record WebhookEnvelope(Guid Id, string Type, DateTimeOffset CreatedAt, Guid TenantId, object Data);
