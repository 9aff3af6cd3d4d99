using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Paylov;

/// <summary>
/// The <c>Paylov</c> configuration section. An empty <see cref="BaseUrl"/> selects the in-process sandbox gateway
/// (refused in Production); a set one selects the HTTP client and requires the merchant credentials.
/// </summary>
public sealed class PaylovOptions : IValidatableObject
{
    public const string SectionName = "Paylov";

    /// <summary>
    /// The API root: <c>https://gw.paylov.uz</c> in production, <c>https://dev.gw.paylov.uz</c> for Paylov's sandbox
    /// (which production host, gw or gw2, is an open question for Paylov); tests point it at a local fake.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The OAuth2 client (<c>consumer_key</c>, <c>consumer_secret</c>) Paylov issues at onboarding.</summary>
    public string ConsumerKey { get; set; } = string.Empty;

    public string ConsumerSecret { get; set; } = string.Empty;

    /// <summary>The merchant's user name and password for the OAuth2 password grant.</summary>
    public string UserName { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    /// <summary>How long before its expiry an access token is refreshed, so no request leaves with a token about to lapse.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(1);

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
        foreach (var (value, name) in new[] { (ConsumerKey, nameof(ConsumerKey)), (ConsumerSecret, nameof(ConsumerSecret)), (UserName, nameof(UserName)), (Password, nameof(Password)) })
        {
            if (string.IsNullOrWhiteSpace(value))
                yield return new ValidationResult($"Paylov:{name} is required with a BaseUrl.", [name]);
        }
        if (string.IsNullOrWhiteSpace(CallbackUserName))
            yield return new ValidationResult("Paylov:CallbackUserName is required with a BaseUrl, or every callback is rejected.", [nameof(CallbackUserName)]);
        if (string.IsNullOrWhiteSpace(CallbackPassword))
            yield return new ValidationResult("Paylov:CallbackPassword is required with a BaseUrl, or every callback is rejected.", [nameof(CallbackPassword)]);
    }
}
