using System.ComponentModel.DataAnnotations;

namespace VirtuOps.Application.PrivacyRequests.Common;

/// <summary>The data-subject request settings of the <c>Privacy</c> configuration section.</summary>
public sealed class PrivacyRequestOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Uzbekistan's public holidays (and moved days off), which do not count as business days; set them each year.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Where each new request and each reminder goes.</summary>
    [Required, EmailAddress]
    public string TeamEmail { get; set; } = "support@virtuops.io";

    /// <summary>Quartz cron (seconds first, server time zone) for sending reminders of requests that fall due soon; hourly.</summary>
    [Required]
    public string ReminderCron { get; set; } = "0 0 * * * ?";

    /// <summary>Quartz cron (seconds first, server time zone) for the staff's daily digest of requests due soon; 03:00 UTC is 08:00 in Tashkent.</summary>
    [Required]
    public string DigestCron { get; set; } = "0 0 3 * * ?";
}
