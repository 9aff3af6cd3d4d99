using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// The <c>Paylov</c> configuration section. An empty <see cref="BaseUrl"/> selects the in-process sandbox gateway
/// (refused in Production); a set one selects the HTTP client and requires the merchant credentials.
/// </summary>
public sealed class PaylovOptions : IValidatableObject
{
    public const string SectionName = "Paylov";

    /// <summary>The API root, e.g. <c>https://api.paylov.uz</c>; configurable so tests point it at a local fake.</summary>
    public string? BaseUrl { get; set; }

    public string MerchantId { get; set; } = string.Empty;

    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The HTTP Basic credentials Paylov sends with its callbacks (registered with the callback URL).</summary>
    public string CallbackUserName { get; set; } = string.Empty;

    public string CallbackPassword { get; set; } = string.Empty;

    /// <summary>How long one HTTP attempt may take before it is abandoned and, if attempts remain, repeated.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Repeats after the first attempt on a timeout, a connection failure or a 5xx.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff delay; later ones grow exponentially (with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool UsesSandbox => string.IsNullOrWhiteSpace(BaseUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesSandbox)
            yield break;

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult("Paylov:BaseUrl must be an absolute http(s) URL.", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(MerchantId))
            yield return new ValidationResult("Paylov:MerchantId is required with a BaseUrl.", [nameof(MerchantId)]);
        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("Paylov:ApiKey is required with a BaseUrl.", [nameof(ApiKey)]);
        if (string.IsNullOrWhiteSpace(CallbackUserName))
            yield return new ValidationResult("Paylov:CallbackUserName is required with a BaseUrl, or every callback is rejected.", [nameof(CallbackUserName)]);
        if (string.IsNullOrWhiteSpace(CallbackPassword))
            yield return new ValidationResult("Paylov:CallbackPassword is required with a BaseUrl, or every callback is rejected.", [nameof(CallbackPassword)]);
    }
}
