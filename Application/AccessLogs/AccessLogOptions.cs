using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Application.AccessLogs;

/// <summary>The <c>AccessLogs</c> configuration section.</summary>
public sealed class AccessLogOptions
{
    public const string SectionName = "AccessLogs";

    /// <summary>Entries older than this many days are deleted by the daily purge.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 180;

    /// <summary>Quartz cron expression (seconds first, server time zone) for the purge; daily at 03:00 by default.</summary>
    [Required]
    public string PurgeCron { get; set; } = "0 0 3 * * ?";

    /// <summary>Entries waiting to be written; beyond this, new entries are dropped rather than slowing requests.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;
}
