using Microsoft.Extensions.Options;

namespace VirtuOps.Application.PrivacyRequests.Common;

/// <summary>
/// Business days in Uzbekistan: Monday to Friday, except the public holidays in <c>Privacy:Holidays</c>. Dates are
/// Tashkent dates (UTC+5, no daylight saving), so a request sent on a Friday evening in Tashkent counts from Monday.
/// </summary>
public sealed class BusinessCalendar(IOptions<PrivacyRequestOptions> options)
{
    /// <summary>Days to answer a data-subject request (ZRU-547, Privacy Policy section 8).</summary>
    public const int AnswerWithinBusinessDays = 15;

    /// <summary>The privacy team is reminded of an unanswered request this many business days before it falls due.</summary>
    public const int ReminderBusinessDaysBeforeDue = 3;

    public static readonly TimeSpan TashkentOffset = TimeSpan.FromHours(5);

    private readonly HashSet<DateOnly> _holidays = [.. options.Value.Holidays];

    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>
    /// The moment <paramref name="days"/> business days after (or, when negative, before) <paramref name="from"/>: the
    /// same Tashkent time of day on the business day reached by counting only business days.
    /// </summary>
    public DateTimeOffset AddBusinessDays(DateTimeOffset from, int days)
    {
        var local = from.ToOffset(TashkentOffset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var step = Math.Sign(days);
        for (var counted = 0; counted < Math.Abs(days);)
        {
            date = date.AddDays(step);
            if (IsBusinessDay(date))
                counted++;
        }

        return new DateTimeOffset(date.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), TashkentOffset).ToUniversalTime();
    }

    /// <summary>
    /// Business days from <paramref name="from"/>'s Tashkent date to <paramref name="to"/>'s: 0 on the same day, negative
    /// when <paramref name="to"/> has passed (the business days a request is overdue).
    /// </summary>
    public int BusinessDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var date = DateOnly.FromDateTime(from.ToOffset(TashkentOffset).DateTime);
        var end = DateOnly.FromDateTime(to.ToOffset(TashkentOffset).DateTime);
        var step = end >= date ? 1 : -1;
        var days = 0;
        while (date != end)
        {
            // Counted on the day reached, so a weekend between Friday and Monday adds nothing.
            date = date.AddDays(step);
            if (IsBusinessDay(step > 0 ? date : date.AddDays(1)))
                days += step;
        }

        return days;
    }
}
