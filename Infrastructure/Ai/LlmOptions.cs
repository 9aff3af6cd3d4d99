using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Ai;

/// <summary>The <c>Ai:Llm</c> section: an optional OpenAI-compatible chat-completions service.</summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string SectionName = "Ai:Llm";

    /// <summary>
    /// The API root that <c>/chat/completions</c> is appended to, usually ending in <c>/v1</c>
    /// (<c>https://api.openai.com/v1</c>, <c>http://localhost:11434/v1</c>). Empty: no LLM, answers come from retrieval.
    /// </summary>
    public string? BaseUrl { get; set; }

    public string? Model { get; set; }

    /// <summary>Sent as the bearer token; a server that needs none accepts any value.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long a customer may wait for the LLM before the retrieved answer is sent instead.</summary>
    [Range(0.1, 120)]
    public double TimeoutSeconds { get; set; } = 8;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
            yield break;
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult("BaseUrl must be an absolute http(s) URL, or empty for no LLM.", [nameof(BaseUrl)]);
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult("An LLM BaseUrl needs a Model.", [nameof(Model)]);
        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("An LLM BaseUrl needs an ApiKey.", [nameof(ApiKey)]);
    }
}
