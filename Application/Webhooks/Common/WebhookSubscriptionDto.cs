using System.Security.Cryptography;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Application.Webhooks.Common;

public sealed record WebhookSubscriptionDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string Description,
    bool Enabled,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset Created);

/// <summary>A new subscription with its signing secret, which is shown this once.</summary>
public sealed record CreatedWebhookSubscriptionDto(WebhookSubscriptionDto Subscription, string Secret);

public static class WebhookSubscriptionMapping
{
    public static WebhookSubscriptionDto ToDto(this WebhookSubscription s, DateTimeOffset now) => new(
        s.Id, s.Url, s.EventList, s.Description, s.IsEnabled, s.DisabledAt, s.DisabledReason,
        s.PreviousSecretExpiresAt > now ? s.PreviousSecretExpiresAt : null, s.Created);
}

public static class WebhookSecrets
{
    public const string Prefix = "whsec_";

    /// <summary>32 random bytes, URL-safe: the HMAC key shared with the receiver.</summary>
    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
