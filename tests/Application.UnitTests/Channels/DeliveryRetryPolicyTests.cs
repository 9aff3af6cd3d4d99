using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Domain.Conversations;
using static Application.UnitTests.Channels.DeliveryTestData;

namespace Application.UnitTests.Channels;

public sealed class DeliveryRetryPolicyTests
{
    private static readonly DeliveryOptions Options = new() { BackoffBase = TimeSpan.FromSeconds(2), BackoffCap = TimeSpan.FromMinutes(5), MaxAttempts = 8 };

    /// <summary>A random source pinned to one value, to reach the ends of the jitter range.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(8, 256)]
    [InlineData(9, 300)] // 512 s is capped at 5 minutes
    [InlineData(40, 300)]
    public void Backoff_is_full_jitter_between_zero_and_the_capped_exponential_step(int attempt, int ceilingSeconds)
    {
        new DeliveryRetryPolicy(Options, new FixedRandom(0)).Backoff(attempt).ShouldBe(TimeSpan.Zero);
        new DeliveryRetryPolicy(Options, new FixedRandom(0.999_999)).Backoff(attempt).TotalSeconds.ShouldBe(ceilingSeconds, tolerance: 0.001);

        var seeded = new DeliveryRetryPolicy(Options, new Random(42));
        var spread = Enumerable.Range(0, 2_000).Select(_ => seeded.Backoff(attempt).TotalSeconds).ToList();
        spread.ShouldAllBe(s => s >= 0 && s <= ceilingSeconds);
        spread.Min().ShouldBeLessThan(ceilingSeconds * 0.05);
        spread.Max().ShouldBeGreaterThan(ceilingSeconds * 0.95);
    }

    [Fact]
    public void A_rate_limit_with_retry_after_is_retried_exactly_then_and_counts_as_an_attempt()
    {
        var message = AgentReply(ConversationOn(Channel.Telegram), "Javob");
        var policy = new DeliveryRetryPolicy(Options, new FixedRandom(0.5));

        var retrying = policy.RecordFailure(message, new ChannelApiException(ChannelFailure.RateLimited, "Too Many Requests: retry after 7", "429", TimeSpan.FromSeconds(7)), Now);

        retrying.ShouldBeTrue();
        message.DeliveryStatus.ShouldBe(DeliveryStatus.Pending);
        message.NextDeliveryAt.ShouldBe(Now.AddSeconds(7));
        message.DeliveryAttempts.ShouldBe(1);
        message.DeliveryError.ShouldBe("Too Many Requests: retry after 7");
    }

    [Fact]
    public void A_rate_limit_without_retry_after_backs_off_like_a_transient_error()
    {
        var message = AgentReply(ConversationOn(Channel.WhatsApp), "Javob");

        new DeliveryRetryPolicy(Options, new FixedRandom(0.5)).RecordFailure(message, new ChannelApiException(ChannelFailure.RateLimited, "(#130429) Rate limit hit"), Now);

        message.NextDeliveryAt.ShouldBe(Now.AddSeconds(1)); // half of the first 2-second step
    }

    [Fact]
    public void Transient_failures_are_retried_with_growing_backoff_and_dead_lettered_after_the_last_attempt()
    {
        var message = AgentReply(ConversationOn(Channel.Telegram), "Javob");
        var policy = new DeliveryRetryPolicy(Options, new FixedRandom(0.999_999));
        var at = Now;
        for (var attempt = 1; attempt < 8; attempt++)
        {
            policy.RecordFailure(message, new ChannelApiException(ChannelFailure.Transient, "Bad Gateway"), at).ShouldBeTrue();
            (message.NextDeliveryAt!.Value - at).TotalSeconds.ShouldBe(Math.Min(300, 2 * Math.Pow(2, attempt - 1)), tolerance: 0.01);
            at = message.NextDeliveryAt.Value;
        }

        policy.RecordFailure(message, new ChannelApiException(ChannelFailure.Transient, "Bad Gateway"), at).ShouldBeFalse();

        message.DeliveryStatus.ShouldBe(DeliveryStatus.Failed);
        message.DeliveryAttempts.ShouldBe(8);
        message.DeliveryError.ShouldBe("Gave up after 8 attempts: Bad Gateway");
        message.NextDeliveryAt.ShouldBeNull();
    }

    [Theory]
    [InlineData(ChannelFailure.Rejected, "(#131047) Re-engagement message")]
    [InlineData(ChannelFailure.Unauthorized, "Unauthorized: the bot token was revoked")]
    public void A_rejection_or_an_invalid_token_is_dead_lettered_at_once_with_the_providers_message(ChannelFailure failure, string error)
    {
        var message = AgentReply(ConversationOn(Channel.WhatsApp), "Javob");

        new DeliveryRetryPolicy(Options, new FixedRandom(0.5)).RecordFailure(message, new ChannelApiException(failure, error), Now).ShouldBeFalse();

        message.DeliveryStatus.ShouldBe(DeliveryStatus.Failed);
        message.DeliveryError.ShouldBe(error);
        message.DeliveryAttempts.ShouldBe(1);
    }
}
