using VirtuOps.Domain.Billing;

namespace Domain.UnitTests.Billing;

public sealed class MessageUsageTests
{
    [Theory]
    [InlineData(7, 10, 0, null)]
    [InlineData(8, 10, 0, 80)]
    [InlineData(9, 10, 80, null)]
    [InlineData(10, 10, 80, 100)]
    [InlineData(10, 10, 0, 100)]
    [InlineData(12, 10, 100, null)]
    public void The_highest_warning_reached_and_not_yet_sent_is_due(int answers, int limit, int warnedPercent, int? due) =>
        MessageUsage.WarningDue(answers, limit, warnedPercent).ShouldBe(due);

    [Fact]
    public void Months_are_calendar_months_in_utc() =>
        MessageUsage.MonthOf(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.FromHours(5))).ShouldBe("2026-11");
}
