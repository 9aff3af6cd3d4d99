using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Webhooks;

/// <summary>
/// An integrator's endpoint that receives the tenant's events, signed with a secret only the two sides know. The secret
/// is an encrypted envelope bound to this row's id; after a rotation the previous one keeps signing for a while, so the
/// receiver can switch without losing events.
/// </summary>
public sealed class WebhookSubscription : TenantOwnedEntity
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 500;
    public const int DisabledReasonMaxLength = 500;

    private WebhookSubscription(string url, string events, string description)
    {
        Url = url;
        Events = events;
        Description = description;
    }

    public string Url { get; private set; }

    /// <summary>The subscribed event names, comma-separated (see <see cref="WebhookEventTypes"/>).</summary>
    public string Events { get; private set; }

    public string Description { get; private set; }

    public string EncryptedSecret { get; private set; } = string.Empty;

    /// <summary>The secret before the last rotation, signing beside the new one until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? EncryptedPreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    /// <summary>Set when deliveries kept failing for the whole retry window: nothing more is queued or sent.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public string? DisabledReason { get; private set; }

    public bool IsEnabled => DisabledAt is null;

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Wants(string eventType) => EventList.Contains(eventType);

    /// <summary><paramref name="encrypt"/> receives the row's own id (the associated data), so the secret is bound to this row.</summary>
    public static WebhookSubscription Create(string url, IEnumerable<string> events, string? description, Func<Guid, string> encrypt)
    {
        var names = events.Distinct().ToList();
        if (names.Count == 0 || !names.All(WebhookEventTypes.IsKnown))
            throw new DomainRuleViolationException("Subscribe to at least one known event.");
        var subscription = new WebhookSubscription(url.Trim(), string.Join(',', names), description?.Trim() ?? string.Empty);
        subscription.EncryptedSecret = encrypt(subscription.Id);
        return subscription;
    }

    /// <summary>A new secret signs from now on; the old one signs beside it until <paramref name="previousValidUntil"/>.</summary>
    public void RotateSecret(string newEncryptedSecret, DateTimeOffset previousValidUntil)
    {
        EncryptedPreviousSecret = EncryptedSecret;
        PreviousSecretExpiresAt = previousValidUntil;
        EncryptedSecret = newEncryptedSecret;
    }

    /// <summary>The encrypted secrets that sign a delivery made at <paramref name="at"/>: the current one first.</summary>
    public IReadOnlyList<string> SigningSecrets(DateTimeOffset at) =>
        EncryptedPreviousSecret is { } previous && PreviousSecretExpiresAt > at ? [EncryptedSecret, previous] : [EncryptedSecret];

    public void ReplaceEncryptedSecrets(string encryptedSecret, string? encryptedPreviousSecret)
    {
        EncryptedSecret = encryptedSecret;
        EncryptedPreviousSecret = encryptedPreviousSecret;
    }

    /// <summary>The owner redelivered an event after fixing the receiver: deliveries go out again.</summary>
    public void Enable()
    {
        DisabledAt = null;
        DisabledReason = null;
    }

    public void Disable(string reason, DateTimeOffset at)
    {
        if (DisabledAt is not null)
            return;
        DisabledAt = at;
        DisabledReason = reason.Length <= DisabledReasonMaxLength ? reason : reason[..DisabledReasonMaxLength];
    }
}
