namespace VirtuOps.Application.Erasure;

/// <summary>The erasure settings of the <c>Privacy</c> configuration section.</summary>
public sealed class ErasureOptions
{
    public const string SectionName = "Privacy";

    /// <summary>The Privacy Policy promises erasure within 30 days of the request; the grace period is part of them.</summary>
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(30);

    /// <summary>How long after the request the data is purged; the owner may cancel until then.</summary>
    public TimeSpan ErasureGracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Quartz cron expression (seconds first, server time zone) for the purge of erasures whose grace period ended; hourly by default.</summary>
    public string PurgeCron { get; set; } = "0 15 * * * ?";
}
