using Microsoft.Extensions.Options;
using VirtuOps.Application.PrivacyRequests.Common;

namespace Application.UnitTests.PrivacyRequests;

/// <summary>Due dates of data-subject requests: 15 business days, Monday to Friday, without Uzbekistan's public holidays.</summary>
public sealed class BusinessCalendarTests
{
    private static BusinessCalendar Calendar(params string[] holidays) =>
        new(Options.Create(new PrivacyRequestOptions { Holidays = [.. holidays.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture))] }));

    private static DateTimeOffset Tashkent(string localTime) => DateTimeOffset.Parse(localTime + "+05:00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Fifteen_business_days_from_a_Monday_are_three_weeks_at_the_same_time_of_day()
    {
        Calendar().AddBusinessDays(Tashkent("2026-11-02T10:30:00"), 15).ShouldBe(Tashkent("2026-11-23T10:30:00"));
    }

    [Fact]
    public void A_request_received_at_the_weekend_counts_from_Monday()
    {
        Calendar().AddBusinessDays(Tashkent("2026-11-07T12:00:00"), 15).ShouldBe(Tashkent("2026-11-27T12:00:00"));
    }

    [Fact]
    public void Days_are_Tashkent_days_so_a_Friday_evening_in_UTC_is_already_Saturday()
    {
        var fridayEveningUtc = new DateTimeOffset(2026, 11, 6, 20, 0, 0, TimeSpan.Zero); // Saturday 01:00 in Tashkent
        Calendar().AddBusinessDays(fridayEveningUtc, 15).ShouldBe(Tashkent("2026-11-27T01:00:00"));
    }

    [Fact]
    public void A_public_holiday_on_a_weekday_adds_a_day()
    {
        Calendar().AddBusinessDays(Tashkent("2026-11-30T09:00:00"), 15).ShouldBe(Tashkent("2026-12-21T09:00:00"));
        Calendar("2026-12-08").AddBusinessDays(Tashkent("2026-11-30T09:00:00"), 15).ShouldBe(Tashkent("2026-12-22T09:00:00"));
    }

    [Fact]
    public void A_holiday_at_the_weekend_changes_nothing()
    {
        Calendar("2026-11-21").AddBusinessDays(Tashkent("2026-11-02T09:00:00"), 15).ShouldBe(Tashkent("2026-11-23T09:00:00"));
    }

    [Fact]
    public void Counting_runs_over_the_year_end_and_its_New_Year_holiday()
    {
        Calendar().AddBusinessDays(Tashkent("2026-12-21T15:00:00"), 15).ShouldBe(Tashkent("2027-01-11T15:00:00"));
        Calendar("2027-01-01").AddBusinessDays(Tashkent("2026-12-21T15:00:00"), 15).ShouldBe(Tashkent("2027-01-12T15:00:00"));
    }

    [Fact]
    public void The_reminder_is_three_business_days_before_the_due_date_skipping_weekends_and_holidays()
    {
        Calendar().AddBusinessDays(Tashkent("2026-11-23T10:00:00"), -3).ShouldBe(Tashkent("2026-11-18T10:00:00"));
        Calendar("2027-01-01").AddBusinessDays(Tashkent("2027-01-05T10:00:00"), -3).ShouldBe(Tashkent("2026-12-30T10:00:00"));
    }

    [Theory]
    [InlineData("2026-12-05", false)] // Saturday
    [InlineData("2026-12-06", false)] // Sunday
    [InlineData("2026-12-07", true)]
    [InlineData("2026-12-08", false)] // Constitution Day, configured
    public void Weekends_and_configured_holidays_are_not_business_days(string date, bool businessDay)
    {
        Calendar("2026-12-08").IsBusinessDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(businessDay);
    }
}
