using System.Globalization;
using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Billing;

/// <summary>
/// The bot's answers of one tenant in one calendar month (UTC), counted against the plan's messages per month. One row
/// per tenant and month; the count is only ever raised by a relative update in the same save as the answers, so racing
/// saves add up instead of overwriting each other.
/// </summary>
public sealed class MessageUsage : BaseEntity, ITenantOwned
{
    public const int MonthLength = 7;

    /// <summary>The warnings e-mailed to the owner, in percent of the limit; each is sent once a month.</summary>
    public static readonly IReadOnlyList<int> WarningPercents = [80, 100];

    private MessageUsage(Guid tenantId, string month)
    {
        TenantId = tenantId;
        Month = month;
    }

    public Guid TenantId { get; private set; }

    /// <summary>The calendar month, <c>yyyy-MM</c>.</summary>
    public string Month { get; private set; }

    public int Answers { get; private set; }

    /// <summary>The highest warning sent this month (80 or 100), 0 before the first.</summary>
    public int WarnedPercent { get; private set; }

    public static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first instant of the month of <paramref name="at"/> (UTC).</summary>
    public static DateTimeOffset MonthStart(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The warning owed at <paramref name="answers"/> of <paramref name="limit"/> when <paramref name="warnedPercent"/> was sent: the highest reached and not yet sent, or null.</summary>
    public static int? WarningDue(int answers, int limit, int warnedPercent) =>
        WarningPercents.Where(p => (long)answers * 100 >= (long)limit * p && p > warnedPercent).Select(p => (int?)p).LastOrDefault();
}
