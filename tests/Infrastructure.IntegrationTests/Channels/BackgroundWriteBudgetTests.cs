using System.Diagnostics;
using VirtuOps.Infrastructure.Channels;

namespace Infrastructure.IntegrationTests.Channels;

public sealed class BackgroundWriteBudgetTests
{
    private readonly BackgroundWriteBudget _budget = new();

    private static long At(int milliseconds) => milliseconds * Stopwatch.Frequency / 1000;

    [Fact]
    public void A_write_holds_back_the_next_as_long_as_it_took_for_each_webhook_it_kept_waiting()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_020), webhooksWaiting: 3);

        _budget.WaitAt(At(1_020)).ShouldBe(TimeSpan.FromMilliseconds(60));
        _budget.WaitAt(At(1_050)).ShouldBe(TimeSpan.FromMilliseconds(30));
        _budget.WaitAt(At(1_080)).ShouldBe(TimeSpan.Zero);
        _budget.WaitAt(At(1_500)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void However_many_webhooks_waited_the_next_write_waits_at_most_nine_times_as_long()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_020), webhooksWaiting: 32);

        _budget.WaitAt(At(1_020)).ShouldBe(TimeSpan.FromMilliseconds(180));
    }

    [Fact]
    public void A_write_no_webhook_waited_for_holds_nothing_back()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_050), webhooksWaiting: 0);

        _budget.WaitAt(At(1_050)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_short_write_does_not_cut_short_the_wait_after_a_long_one()
    {
        _budget.Wrote(startedAt: At(1_000), endedAt: At(1_050), webhooksWaiting: 9); // next at 1,500
        _budget.Wrote(startedAt: At(1_050), endedAt: At(1_051), webhooksWaiting: 9); // would be 1,060

        _budget.WaitAt(At(1_100)).ShouldBe(TimeSpan.FromMilliseconds(400));
    }
}
