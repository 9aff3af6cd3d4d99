using VirtuOps.Domain.Billing;

namespace Domain.UnitTests.Billing;

public sealed class ProrationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMonths(1); // 30 days

    [Fact]
    public void An_upgrade_costs_the_price_difference_for_the_remaining_days_of_the_period() =>
        // (999 000 − 199 000) so'm × 12 days ÷ 30 days = 320 000 so'm
        Proration.UpgradeTiyin(19_900_000, 99_900_000, Start, End, End.AddDays(-12)).ShouldBe(32_000_000);

    [Fact]
    public void A_started_day_counts_as_remaining() =>
        Proration.UpgradeTiyin(19_900_000, 49_900_000, Start, End, End.AddDays(-12).AddHours(3)).ShouldBe(12_000_000);

    [Fact]
    public void Upgrading_at_the_start_costs_the_whole_difference() =>
        Proration.UpgradeTiyin(19_900_000, 49_900_000, Start, End, Start).ShouldBe(30_000_000);

    [Fact]
    public void Amounts_are_rounded_half_up_to_the_tiyin() =>
        // 1 tiyin × 15 ÷ 30 = 0.5 → 1
        Proration.UpgradeTiyin(100, 101, Start, End, End.AddDays(-15)).ShouldBe(1);

    [Theory]
    [InlineData(49_900_000, 19_900_000)]
    [InlineData(49_900_000, 49_900_000)]
    public void A_cheaper_or_equal_plan_costs_nothing_now(long oldPrice, long newPrice) =>
        Proration.UpgradeTiyin(oldPrice, newPrice, Start, End, Start.AddDays(3)).ShouldBe(0);

    [Fact]
    public void Nothing_is_owed_once_the_period_has_ended() =>
        Proration.UpgradeTiyin(19_900_000, 99_900_000, Start, End, End).ShouldBe(0);
}
