using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Channels;

/// <summary>What the Telegram and Meta adapters share: how long one attempt may take and how reads are retried.</summary>
public abstract class ChannelApiOptions : IValidatableObject
{
    /// <summary>How long one HTTP attempt may take; a send that times out is reported as transient.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:02:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Repeats of a read (GET) after a timeout, a connection failure or a 5xx. Sends are never repeated here.</summary>
    [Range(0, 5)]
    public int ReadRetries { get; set; } = 2;

    /// <summary>The first backoff delay of a read retry; later ones grow exponentially (with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    protected abstract string BaseUrlSetting { get; }

    protected abstract string? ConfiguredBaseUrl { get; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ConfiguredBaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult($"{BaseUrlSetting} must be an absolute http(s) URL.", [BaseUrlSetting]);
    }
}
