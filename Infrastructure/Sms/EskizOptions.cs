using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Infrastructure.Sms;

/// <summary>The <c>Sms:Eskiz</c> configuration section.</summary>
public sealed class EskizOptions : IValidatableObject
{
    public const string SectionName = "Sms:Eskiz";

    /// <summary>Configurable so tests can point it at a local fake gateway.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://notify.eskiz.uz";

    [Required]
    public string Email { get; set; } = string.Empty;

    [Required]
    public string Password { get; set; } = string.Empty;

    /// <summary>The sender id (nickname) approved for the account; 4546 is Eskiz's shared default.</summary>
    [Required]
    public string From { get; set; } = "4546";

    /// <summary>Where Eskiz reports delivery (our <c>/api/webhooks/sms/eskiz</c>); no reports when empty.</summary>
    [Url]
    public string? CallbackUrl { get; set; }

    /// <summary>Added to <see cref="CallbackUrl"/> as <c>?secret=</c>; the callback endpoint rejects calls without it.</summary>
    public string? CallbackSecret { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(CallbackUrl) && string.IsNullOrEmpty(CallbackSecret))
            yield return new ValidationResult("A callback URL needs a CallbackSecret, or every delivery report is rejected.", [nameof(CallbackSecret)]);
    }
}
