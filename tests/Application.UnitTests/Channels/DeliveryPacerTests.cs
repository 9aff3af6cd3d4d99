using Microsoft.Extensions.Options;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Domain.Conversations;
using static Application.UnitTests.Channels.DeliveryTestData;

namespace Application.UnitTests.Channels;

public sealed class DeliveryPacerTests
{
    private readonly DeliveryPacer _pacer = new(Options.Create(new DeliveryOptions()));

    [Fact]
    public void Telegram_sends_to_one_chat_at_most_once_a_second()
    {
        var chat = ConversationOn(Channel.Telegram);
        var bot = ConnectionFor(Channel.Telegram);

        _pacer.TryAcquire(chat, bot, Now, out _).ShouldBeTrue();
        _pacer.TryAcquire(chat, bot, Now.AddMilliseconds(400), out var retryAt).ShouldBeFalse();
        retryAt.ShouldBe(Now.AddSeconds(1));
        _pacer.TryAcquire(chat, bot, Now.AddMilliseconds(999), out _).ShouldBeFalse();
        _pacer.TryAcquire(chat, bot, Now.AddSeconds(1), out _).ShouldBeTrue();
    }

    [Fact]
    public void Telegram_sends_at_most_30_a_second_per_bot_across_chats()
    {
        var bot = ConnectionFor(Channel.Telegram);
        for (var i = 0; i < 30; i++)
            _pacer.TryAcquire(ConversationOn(Channel.Telegram), bot, Now.AddMilliseconds(i), out _).ShouldBeTrue();

        _pacer.TryAcquire(ConversationOn(Channel.Telegram), bot, Now.AddMilliseconds(500), out var retryAt).ShouldBeFalse();
        retryAt.ShouldBe(Now.AddSeconds(1));
        _pacer.TryAcquire(ConversationOn(Channel.Telegram), ConnectionFor(Channel.Telegram), Now.AddMilliseconds(500), out _).ShouldBeTrue("another bot has its own budget");
        _pacer.TryAcquire(ConversationOn(Channel.Telegram), bot, Now.AddSeconds(1), out _).ShouldBeTrue();
    }

    [Fact]
    public void WhatsApp_sends_80_a_second_per_number_and_does_not_pace_a_single_chat()
    {
        var chat = ConversationOn(Channel.WhatsApp);
        var number = ConnectionFor(Channel.WhatsApp);
        for (var i = 0; i < 80; i++)
            _pacer.TryAcquire(chat, number, Now, out _).ShouldBeTrue();

        _pacer.TryAcquire(chat, number, Now.AddMilliseconds(10), out var retryAt).ShouldBeFalse();
        retryAt.ShouldBe(Now.AddSeconds(1));
    }

    [Fact]
    public void A_refused_send_takes_no_slot()
    {
        var bot = ConnectionFor(Channel.Telegram);
        var chat = ConversationOn(Channel.Telegram);
        _pacer.TryAcquire(chat, bot, Now, out _).ShouldBeTrue();
        for (var i = 1; i <= 40; i++)
            _pacer.TryAcquire(chat, bot, Now.AddMilliseconds(i), out _).ShouldBeFalse();

        // Only one send counted against the bot: 29 other chats still fit in this second.
        for (var i = 0; i < 29; i++)
            _pacer.TryAcquire(ConversationOn(Channel.Telegram), bot, Now.AddMilliseconds(100), out _).ShouldBeTrue();
    }
}
