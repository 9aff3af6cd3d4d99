using Microsoft.Extensions.Options;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Application.Webhooks.Common;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Delivery;

/// <summary>A delivery a worker has claimed and now sends.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid TenantId);

/// <summary>What a claim found: the deliveries to send now, and when the next one falls due (null: none is pending).</summary>
public sealed record WebhookClaim(IReadOnlyList<ClaimedDelivery> Deliveries, DateTimeOffset? NextDueAt);

/// <summary>
/// The outgoing webhook outbox across tenants: claims the due deliveries that are first in their line (one conversation
/// of one subscription), so events of a conversation arrive in order, and sends one, recording the attempt.
/// </summary>
public sealed class WebhookDispatcher(IApplicationDbContext context, IDatabaseWriter writer, IWebhookClient client, ISecretProtector secrets,
    IEmailSender email, IIdentityService identity, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
{
    /// <summary>
    /// Claims up to <paramref name="slots"/> due deliveries, leaving out tenants that already have
    /// <paramref name="perTenantLimit"/> in flight (<paramref name="inFlight"/>): a receiver that hangs holds only its own
    /// tenant's slots. Restricted tenants and disabled subscriptions send nothing; their deliveries wait.
    /// </summary>
    public async Task<WebhookClaim> ClaimDueAsync(int slots, IReadOnlyDictionary<Guid, int> inFlight, int perTenantLimit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sendable = Sendable();
        var due = slots <= 0 ? [] : await sendable
            .Where(d => d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => new ClaimedDelivery(d.Id, d.TenantId))
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var taken = new Dictionary<Guid, int>(inFlight);
        var chosen = new List<ClaimedDelivery>();
        foreach (var delivery in due)
        {
            if (chosen.Count == slots)
                break;
            var count = taken.GetValueOrDefault(delivery.TenantId);
            if (count >= perTenantLimit)
                continue;
            taken[delivery.TenantId] = count + 1;
            chosen.Add(delivery);
        }

        var claimed = chosen.Count == 0 ? [] : await ClaimAsync(chosen, now, cancellationToken);
        var nextDueAt = await sendable.MinAsync(d => d.NextAttemptAt, cancellationToken);
        return new WebhookClaim(claimed, nextDueAt);
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
    /// One writer turn for the batch: each chosen delivery, if still due, is leased to this pass until a time no other
    /// pass uses, so the rows that carry it afterwards are exactly the ones this pass won.
    /// </summary>
    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(List<ClaimedDelivery> chosen, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = chosen.Select(d => d.Id).ToList();
        DateTimeOffset? lease = now + options.Value.Timeout + TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(Random.Shared.Next(1, 60_000));
        var deliveries = context.WebhookDeliveries.IgnoreQueryFilters();
        await writer.RunExclusiveAsync(() => deliveries
            .Where(d => ids.Contains(d.Id) && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), cancellationToken), cancellationToken);
        var won = (await deliveries.AsNoTracking().Where(d => ids.Contains(d.Id) && d.NextAttemptAt == lease).Select(d => d.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        return chosen.Where(d => won.Contains(d.Id)).ToList();
    }

    /// <summary>
    /// Sends one claimed delivery and records the attempt. A failure is retried with exponential backoff until the retry
    /// window after the event has passed; then the delivery fails, the subscription is disabled and the owner told.
    /// </summary>
    public async Task DeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await context.WebhookDeliveries.IgnoreQueryFilters().SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
        var subscription = delivery is null ? null
            : await context.WebhookSubscriptions.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (delivery is null || subscription is null || delivery.Status != WebhookDeliveryStatus.Pending)
            return; // deleted meanwhile (with its subscription) or already done

        var attemptAt = time.GetUtcNow();
        var signingSecrets = subscription.SigningSecrets(attemptAt).Select(s => secrets.Unprotect(s, subscription.Id.ToString()));
        var signature = WebhookSignature.Header(signingSecrets, attemptAt, delivery.Payload);
        var result = await client.PostAsync(subscription.Url, delivery.Payload, signature, delivery.EventId, delivery.EventType, cancellationToken);

        var now = time.GetUtcNow();
        var durationMs = (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds);
        var disabled = false;
        if (result.Succeeded)
            delivery.Succeeded(result.StatusCode!.Value, durationMs, now);
        else
        {
            var error = result.Error ?? $"The receiver answered {result.StatusCode}.";
            if (now >= delivery.CreatedAt + options.Value.RetryWindow)
            {
                delivery.GaveUp(result.StatusCode, durationMs, error, now);
                disabled = subscription.IsEnabled;
                subscription.Disable($"Deliveries failed for {options.Value.RetryWindow.TotalHours:0.#} hours. Last error: {error}", now);
            }
            else
                delivery.AttemptFailed(result.StatusCode, durationMs, error, now, now + Backoff(delivery.Attempts + 1));
        }

        await writer.RunExclusiveAsync(() => context.SaveChangesAsync(CancellationToken.None), CancellationToken.None);
        if (disabled)
            await TellOwnerAsync(subscription, cancellationToken);
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
