using Microsoft.Extensions.Options;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Delivery;

/// <summary>
/// What a failed send means for the message: retried later (the provider's retry_after, else exponential backoff
/// with full jitter), or dead-lettered at once (rejected, unauthorised) or after <see cref="DeliveryOptions.MaxAttempts"/>.
/// </summary>
public sealed class DeliveryRetryPolicy(DeliveryOptions options, Random random)
{
    public DeliveryRetryPolicy(IOptions<DeliveryOptions> options)
        : this(options.Value, Random.Shared)
    {
    }

    /// <summary>
    /// Full jitter (uniform between zero and the exponential step) spreads the retries of many messages that failed
    /// together, so a recovering provider is not hit by all of them at once.
    /// </summary>
    public TimeSpan Backoff(int attempt)
    {
        var step = options.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var ceiling = Math.Min(options.BackoffCap.TotalMilliseconds, step);
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }

    /// <summary>Records the failed attempt on the message; returns whether it will be tried again.</summary>
    public bool RecordFailure(Message message, ChannelApiException error, DateTimeOffset now)
    {
        var attempt = message.DeliveryAttempts + 1;
        message.DeliveryAttemptFailed(error.Message, now + (error.RetryAfter ?? Backoff(attempt)));
        if (!error.IsRetryable)
            message.DeliveryGaveUp(error.Message);
        else if (message.DeliveryAttempts >= options.MaxAttempts)
            message.DeliveryGaveUp($"Gave up after {message.DeliveryAttempts} attempts: {error.Message}");
        return message.AwaitsDelivery;
    }
}
