using Microsoft.Extensions.Options;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Delivery;

/// <summary>A delivery a worker has claimed and now sends: everything the send needs, so it reads nothing.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid TenantId, Guid SubscriptionId, Guid EventId, string EventType, string Payload);

/// <summary>A finished send, waiting to be recorded by the next pass.</summary>
public sealed record DeliveryAttempt(Guid DeliveryId, WebhookPostResult Result, DateTimeOffset FinishedAt);

/// <summary>
/// What a pass claimed: the deliveries to send now with their subscriptions as they were read, and when the next one
/// falls due (null: none is pending).
/// </summary>
public sealed record WebhookClaim(IReadOnlyList<ClaimedDelivery> Deliveries, IReadOnlyDictionary<Guid, WebhookSubscription> Subscriptions, DateTimeOffset? NextDueAt);

/// <summary>
/// The outgoing webhook outbox across tenants. A pass records the sends that finished since the last one and claims the
/// due deliveries that are first in their line (one conversation of one subscription), so events of a conversation
/// arrive in order; both in one turn of the database writer, so the outbox costs the inbound path one short write per
/// pass, not two per event.
/// </summary>
public sealed class WebhookDispatcher(IApplicationDbContext context, IDatabaseWriter writer, IEmailSender email, IIdentityService identity,
    IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
{
    /// <summary>
    /// Records <paramref name="finished"/>, then claims up to <paramref name="slots"/> due deliveries, leaving out tenants
    /// that already have <paramref name="perTenantLimit"/> in flight (<paramref name="inFlight"/>): a receiver that hangs
    /// holds only its own tenant's slots. Restricted tenants and disabled subscriptions send nothing; their deliveries wait.
    /// </summary>
    public async Task<WebhookClaim> RunPassAsync(IReadOnlyList<DeliveryAttempt> finished, int slots, IReadOnlyDictionary<Guid, int> inFlight,
        int perTenantLimit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sendable = Sendable();
        var due = slots <= 0 ? [] : await sendable
            .Where(d => d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => new { d.Id, d.TenantId })
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var taken = new Dictionary<Guid, int>(inFlight);
        var chosen = new List<Guid>();
        foreach (var delivery in due)
        {
            if (chosen.Count == slots)
                break;
            var count = taken.GetValueOrDefault(delivery.TenantId);
            if (count >= perTenantLimit)
                continue;
            taken[delivery.TenantId] = count + 1;
            chosen.Add(delivery.Id);
        }

        // Each chosen delivery, if still due, is leased to this pass until a time no other pass uses, so the rows that
        // carry it afterwards are exactly the ones this pass won.
        DateTimeOffset? lease = now + options.Value.Timeout + TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(Random.Shared.Next(1, 60_000));
        var deliveries = context.WebhookDeliveries.IgnoreQueryFilters();
        var disabled = finished.Count == 0 && chosen.Count == 0 ? [] : await writer.RunExclusiveAsync(async () =>
        {
            var disabledNow = await RecordAsync(finished);
            if (chosen.Count > 0)
                await deliveries.Where(d => chosen.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), CancellationToken.None);
            return disabledNow;
        }, cancellationToken);
        foreach (var subscription in disabled)
            await TellOwnerAsync(subscription, cancellationToken);

        var claimed = chosen.Count == 0 ? [] : await deliveries.AsNoTracking()
            .Where(d => chosen.Contains(d.Id) && d.NextAttemptAt == lease)
            .Select(d => new ClaimedDelivery(d.Id, d.TenantId, d.SubscriptionId, d.EventId, d.EventType, d.Payload))
            .ToListAsync(cancellationToken);
        var subscriptionIds = claimed.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = subscriptionIds.Count == 0 ? new Dictionary<Guid, WebhookSubscription>()
            : await context.WebhookSubscriptions.IgnoreQueryFilters().AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var nextDueAt = await sendable.MinAsync(d => d.NextAttemptAt, cancellationToken);
        return new WebhookClaim(claimed.Where(d => subscriptions.ContainsKey(d.SubscriptionId)).ToList(), subscriptions, nextDueAt);
    }

    /// <summary>
    /// Pending deliveries of enabled subscriptions of unrestricted tenants, with no earlier pending delivery in their line.
    /// </summary>
    private IQueryable<WebhookDelivery> Sendable()
    {
        var restricted = ProcessingRestrictions.RestrictedTenantIds(context);
        var deliveries = context.WebhookDeliveries.IgnoreQueryFilters();
        var disabled = context.WebhookSubscriptions.IgnoreQueryFilters().Where(s => s.DisabledAt != null).Select(s => s.Id);
        return deliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && !restricted.Contains(d.TenantId) && !disabled.Contains(d.SubscriptionId))
            .Where(d => d.OrderingKey == null || !deliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.OrderingKey == d.OrderingKey
                && e.Status == WebhookDeliveryStatus.Pending && e.Sequence < d.Sequence));
    }

    /// <summary>
    /// Records the attempts in one save. A failure is retried with exponential backoff until the retry window after the
    /// event has passed; then the delivery fails and the subscription is disabled (returned, so its owner is told).
    /// Deliveries deleted meanwhile (with their subscription or by an erasure) are skipped.
    /// </summary>
    private async Task<List<WebhookSubscription>> RecordAsync(IReadOnlyList<DeliveryAttempt> finished)
    {
        if (finished.Count == 0)
            return [];
        var ids = finished.Select(a => a.DeliveryId).ToList();
        var deliveries = await context.WebhookDeliveries.IgnoreQueryFilters().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id);
        var subscriptionIds = deliveries.Values.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await context.WebhookSubscriptions.IgnoreQueryFilters().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var disabled = new List<WebhookSubscription>();
        foreach (var attempt in finished)
        {
            if (deliveries.GetValueOrDefault(attempt.DeliveryId) is not { Status: WebhookDeliveryStatus.Pending } delivery
                || subscriptions.GetValueOrDefault(delivery.SubscriptionId) is not { } subscription)
                continue;
            var result = attempt.Result;
            var durationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds);
            if (result.Succeeded)
                delivery.Succeeded(result.StatusCode!.Value, durationMs, attempt.FinishedAt);
            else
            {
                var error = result.Error ?? $"The receiver answered {result.StatusCode}.";
                if (attempt.FinishedAt >= delivery.CreatedAt + options.Value.RetryWindow)
                {
                    delivery.GaveUp(result.StatusCode, durationMs, error, attempt.FinishedAt);
                    if (subscription.IsEnabled)
                        disabled.Add(subscription);
                    subscription.Disable($"Deliveries failed for {options.Value.RetryWindow.TotalHours:0.#} hours. Last error: {error}", attempt.FinishedAt);
                }
                else
                    delivery.AttemptFailed(result.StatusCode, durationMs, error, attempt.FinishedAt, attempt.FinishedAt + Backoff(delivery.Attempts + 1));
            }
        }

        await context.SaveChangesAsync(CancellationToken.None);
        return disabled;
    }

    /// <summary>Doubles per attempt from the base, up to the cap, with a little jitter so retries of many events spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = options.Value.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, options.Value.BackoffCap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.2 * Random.Shared.NextDouble()));
    }

    private async Task TellOwnerAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        try
        {
            var owners = await identity.FindOwnerEmailsAsync([subscription.TenantId], cancellationToken);
            if (owners.GetValueOrDefault(subscription.TenantId) is not { } address)
                return;
            var hours = options.Value.RetryWindow.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            await email.SendAsync(new EmailMessage(
                address,
                "VirtuOps: webhook oʻchirildi / Вебхук отключён / Webhook disabled",
                $"{subscription.Url} manziliga hodisalar {hours} soat davomida yetkazilmadi, shuning uchun bu webhook oʻchirildi. " +
                "Qabul qiluvchini tuzating, soʻng Webhooklar sahifasida yetkazilmagan hodisani qayta yuboring: bu webhookni yana yoqadi.\n\n" +
                $"События не доставлялись на {subscription.Url} в течение {hours} ч, поэтому вебхук отключён. " +
                "Исправьте приёмник, затем на странице «Вебхуки» отправьте недоставленное событие повторно: это снова включит вебхук.\n\n" +
                $"Events could not be delivered to {subscription.Url} for {hours} hours, so this webhook was disabled. " +
                "Fix the receiver, then redeliver a failed event on the Webhooks page: that turns the webhook on again."),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The subscription is disabled either way; the owner also sees it on the Webhooks page.
            logger.LogWarning(exception, "Telling the owner that webhook subscription {SubscriptionId} was disabled failed", subscription.Id);
        }
    }
}
