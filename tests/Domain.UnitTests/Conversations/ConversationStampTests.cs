using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;

namespace Domain.UnitTests.Conversations;

public sealed class ConversationStampTests
{
    [Fact]
    public void Messages_less_than_a_millisecond_apart_are_stamped_a_millisecond_apart_so_their_order_survives_storage()
    {
        // 0.05 ms past a 100-µs boundary: SQLite would read 12:00:00.0000 back for both stamps if they were kept as given.
        var at = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero).AddTicks(500);
        var conversation = Conversation.Start(Bot.Create("Bot", "Salom", "Tushunmadim", "key"),
            Contact.Create(Guid.NewGuid(), Channel.Telegram, "5550001", "Mijoz"), at.AddMinutes(-1));
        conversation.Receive("Salom", at.AddMinutes(-1), clientMessageId: null);

        var first = conversation.ReplyAsAgent(Guid.NewGuid(), "Bir", at);
        var second = conversation.ReplyAsAgent(Guid.NewGuid(), "Ikki", at.AddTicks(3));
        var third = conversation.ReplyAsAgent(Guid.NewGuid(), "Uch", at.AddMilliseconds(5));

        first.SentAt.ShouldBe(at);
        second.SentAt.ShouldBe(at.AddMilliseconds(1));
        third.SentAt.ShouldBe(at.AddMilliseconds(5), "a message a full millisecond later keeps its own time");
    }
}
