namespace VirtuOps.Application.Channels.Common;

public sealed record TelegramBotIdentity(long Id, string Username, string FirstName);

/// <summary>The Telegram Bot API (base URL configurable; tests point it at a local fake).</summary>
public interface ITelegramBotApi
{
    /// <summary>Validates a bot token. A token Telegram refuses raises <see cref="ChannelApiException"/> with <see cref="ChannelFailure.Unauthorized"/>.</summary>
    Task<TelegramBotIdentity> GetMeAsync(string botToken, CancellationToken cancellationToken);

    Task SetWebhookAsync(string botToken, Uri url, string secretToken, IReadOnlyList<string> allowedUpdates, CancellationToken cancellationToken);

    Task DeleteWebhookAsync(string botToken, CancellationToken cancellationToken);

    /// <summary>Sends a text message; returns Telegram's message_id.</summary>
    Task<string> SendMessageAsync(string botToken, string chatId, string text, CancellationToken cancellationToken);
}

public sealed record WhatsAppNumberInfo(string DisplayPhoneNumber, string VerifiedName);

public sealed record InstagramAccountInfo(string Id, string Username);

/// <summary>Meta's Graph API for WhatsApp Business Cloud and Instagram Messaging (base URL configurable).</summary>
public interface IMetaGraphApi
{
    Task<WhatsAppNumberInfo> GetWhatsAppNumberAsync(string phoneNumberId, string accessToken, CancellationToken cancellationToken);

    Task<InstagramAccountInfo> GetInstagramAccountAsync(string accountId, string accessToken, CancellationToken cancellationToken);

    /// <summary>Sends a free-text WhatsApp message; returns the wamid.</summary>
    Task<string> SendWhatsAppTextAsync(string phoneNumberId, string accessToken, string to, string text, CancellationToken cancellationToken);

    /// <summary>Sends an Instagram text message; <paramref name="humanAgent"/> adds the HUMAN_AGENT tag. Returns the message id.</summary>
    Task<string> SendInstagramTextAsync(string accountId, string accessToken, string recipientId, string text, bool humanAgent, CancellationToken cancellationToken);

    /// <summary>
    /// Stops Meta's webhooks to our app for a WhatsApp Business Account or an Instagram account
    /// (<c>DELETE /{id}/subscribed_apps</c>).
    /// </summary>
    Task UnsubscribeAppAsync(string accountId, string accessToken, CancellationToken cancellationToken);
}

public enum ChannelFailure
{
    /// <summary>429 / Telegram retry_after / Meta 130429, 131056, 80007: try again after <see cref="ChannelApiException.RetryAfter"/> or a backoff.</summary>
    RateLimited = 0,

    /// <summary>5xx, timeouts, connection failures: try again with backoff.</summary>
    Transient = 1,

    /// <summary>The provider refused this message for good (outside the 24-hour window, blocked by the user, bad request).</summary>
    Rejected = 2,

    /// <summary>The token is invalid or revoked: no retry helps until the owner reconnects.</summary>
    Unauthorized = 3,
}

/// <summary>A provider call failed; <see cref="Failure"/> says whether retrying can help.</summary>
public sealed class ChannelApiException(ChannelFailure failure, string message, string? providerCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ChannelFailure Failure { get; } = failure;

    /// <summary>The provider's error code (Telegram error_code, Meta error.code), when it gave one.</summary>
    public string? ProviderCode { get; } = providerCode;

    /// <summary>How long the provider asked us to wait (Telegram parameters.retry_after, Retry-After).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsRetryable => Failure is ChannelFailure.RateLimited or ChannelFailure.Transient;
}
