using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Application.Retention;

/// <summary>The retention settings of the <c>Privacy</c> configuration section: how long data nothing else deletes is kept.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Quartz cron expression (seconds first, server time zone) for the retention purge; daily at 03:30 by default.</summary>
    [Required]
    public string RetentionCron { get; set; } = "0 30 3 * * ?";

    /// <summary>Demo requests are deleted this many days after they were sent: long enough for the sales follow-up.</summary>
    [Range(1, 3650)]
    public int DemoRequestRetentionDays { get; set; } = 180;

    /// <summary>Checkout sessions (finished or abandoned) are deleted this many days after they were started.</summary>
    [Range(1, 3650)]
    public int CheckoutSessionRetentionDays { get; set; } = 90;
}

/// <summary>The retention of stored webhook payloads, in the <c>Channels:Inbound</c> section.</summary>
public sealed class WebhookRetentionOptions
{
    public const string SectionName = "Channels:Inbound";

    /// <summary>
    /// Processed, ignored and failed webhook events are deleted this many days after their processing ended; pending
    /// ones are never deleted. At least a week: providers redeliver for days (Telegram a day, Meta longer), and an event
    /// must still be known when its redelivery arrives, or it would be processed twice.
    /// </summary>
    [Range(7, 3650)]
    public int RetentionDays { get; set; } = 30;
}
