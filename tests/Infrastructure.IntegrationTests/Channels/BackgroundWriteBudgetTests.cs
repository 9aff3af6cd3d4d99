using System.Diagnostics;
using VirtuOps.Infrastructure.Channels;

namespace Infrastructure.IntegrationTests.Channels;

public sealed class BackgroundWriteBudgetTests
{
    private readonly BackgroundWriteBudget _budget = new();

    private static long At(int milliseconds) => milliseconds * Stopwatch.Frequency / 1000;

    [Fact]
    public void A_write_that_kept_webhooks_waiting_holds_back_the_next_for_nine_times_its_length()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_020), webhooksWaited: true);

        _budget.WaitAt(At(1_020)).ShouldBe(TimeSpan.FromMilliseconds(180));
        _budget.WaitAt(At(1_100)).ShouldBe(TimeSpan.FromMilliseconds(100));
        _budget.WaitAt(At(1_200)).ShouldBe(TimeSpan.Zero);
        _budget.WaitAt(At(1_500)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_write_no_webhook_waited_for_holds_nothing_back()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_050), webhooksWaited: false);

        _budget.WaitAt(At(1_050)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_short_write_does_not_cut_short_the_wait_after_a_long_one()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_050), webhooksWaited: true); // next at 1,500
        _budget.Wrote(startedAt: At(1_050), endedAt: At(1_051), webhooksWaited: true); // would be 1,060

        _budget.WaitAt(At(1_100)).ShouldBe(TimeSpan.FromMilliseconds(400));
    }
}
