using Microsoft.Extensions.Options;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Domain.Conversations;

namespace Application.UnitTests.Channels;

public sealed class DeliveryPacerTests
{
    private static readonly DateTimeOffset Now = DeliveryTestData.Now;
    private readonly DeliveryPacer _pacer = new(Options.Create(new DeliveryOptions()));

    private static PaceKey Chat(Channel channel, Guid bot) => new(channel, bot, Guid.NewGuid());

    /// <summary>One send planned alone: null when it may go now, else when to try again.</summary>
    private DateTimeOffset? Try(PaceKey send, DateTimeOffset at) => _pacer.Plan([send], at)[0];

    [Fact]
    public void Telegram_sends_to_one_chat_at_most_once_a_second()
    {
        var chat = Chat(Channel.Telegram, Guid.NewGuid());

        Try(chat, Now).ShouldBeNull();
        Try(chat, Now.AddMilliseconds(400)).ShouldBe(Now.AddSeconds(1));
        Try(chat, Now.AddMilliseconds(999)).ShouldNotBeNull();
        Try(chat, Now.AddSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void Telegram_sends_at_most_30_a_second_per_bot_across_chats()
    {
        var bot = Guid.NewGuid();
        for (var i = 0; i < 30; i++)
            Try(Chat(Channel.Telegram, bot), Now.AddMilliseconds(i)).ShouldBeNull();

        Try(Chat(Channel.Telegram, bot), Now.AddMilliseconds(500)).ShouldBe(Now.AddSeconds(1));
        Try(Chat(Channel.Telegram, Guid.NewGuid()), Now.AddMilliseconds(500)).ShouldBeNull("another bot has its own budget");
        Try(Chat(Channel.Telegram, bot), Now.AddSeconds(1)).ShouldBeNull();
    }

    [Fact]
    public void WhatsApp_sends_80_a_second_per_number_and_does_not_pace_a_single_chat()
    {
        var chat = Chat(Channel.WhatsApp, Guid.NewGuid());
        for (var i = 0; i < 80; i++)
            Try(chat, Now).ShouldBeNull();

        Try(chat, Now.AddMilliseconds(10)).ShouldBe(Now.AddSeconds(1));
    }

    [Fact]
    public void A_refused_send_takes_no_slot()
    {
        var bot = Guid.NewGuid();
        var chat = Chat(Channel.Telegram, bot);
        Try(chat, Now).ShouldBeNull();
        for (var i = 1; i <= 40; i++)
            Try(chat, Now.AddMilliseconds(i)).ShouldNotBeNull();

        // Only one send counted against the bot: 29 other chats still fit in this second.
        for (var i = 0; i < 29; i++)
            Try(Chat(Channel.Telegram, bot), Now.AddMilliseconds(100)).ShouldBeNull();
    }

    [Fact]
    public void A_backlog_is_spread_over_the_next_seconds_at_the_bot_rate()
    {
        var bot = Guid.NewGuid();
        var backlog = Enumerable.Range(0, 100).Select(_ => Chat(Channel.Telegram, bot)).ToList();

        var plan = _pacer.Plan(backlog, Now);

        plan.Take(30).ShouldAllBe(slot => slot == null);
        plan.Skip(30).Take(30).ShouldAllBe(slot => slot == Now.AddSeconds(1));
        plan.Skip(60).Take(30).ShouldAllBe(slot => slot == Now.AddSeconds(2));
        plan.Skip(90).ShouldAllBe(slot => slot == Now.AddSeconds(3));
        // A later pass books after the slots already given out, not into the same ones.
        var more = _pacer.Plan(Enumerable.Range(0, 30).Select(_ => Chat(Channel.Telegram, bot)).ToList(), Now.AddMilliseconds(10));
        more.Take(20).ShouldAllBe(slot => slot == Now.AddSeconds(3));
        more.Skip(20).ShouldAllBe(slot => slot == Now.AddSeconds(4));
        // When their second comes, the first 30 put off fit.
        _pacer.Plan(backlog.Skip(30).Take(31).ToList(), Now.AddSeconds(1)).Count(slot => slot == null).ShouldBe(30);
    }
}
