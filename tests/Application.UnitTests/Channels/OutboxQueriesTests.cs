using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Domain.Conversations;
using static Application.UnitTests.Channels.DeliveryTestData;

namespace Application.UnitTests.Channels;

public sealed class OutboxQueriesTests
{
    private static List<Guid> DueIds(IEnumerable<Message> messages, DateTimeOffset now) =>
        messages.AsQueryable().DueAt(now).Select(m => m.Id).ToList();

    [Fact]
    public void Only_the_oldest_pending_message_of_a_conversation_is_due_so_a_retry_holds_back_the_later_ones()
    {
        var telegram = ConversationOn(Channel.Telegram);
        var first = AgentReply(telegram, "Birinchi");
        var second = AgentReply(telegram, "Ikkinchi");
        var whatsApp = ConversationOn(Channel.WhatsApp);
        var other = AgentReply(whatsApp, "Boshqa suhbat");
        var outbox = new[] { second, other, first };

        DueIds(outbox, Now).ShouldBe([first.Id, other.Id], ignoreOrder: true);

        first.DeliveryAttemptFailed("Bad Gateway", Now.AddSeconds(30));
        DueIds(outbox, Now.AddSeconds(10)).ShouldBe([other.Id], "the second waits behind the first, which waits for its retry");
        DueIds(outbox, Now.AddSeconds(30)).ShouldBe([first.Id, other.Id], ignoreOrder: true);

        first.DeliverySucceeded("101");
        DueIds(outbox, Now.AddSeconds(30)).ShouldBe([second.Id, other.Id], ignoreOrder: true);
    }

    [Fact]
    public void A_dead_lettered_message_does_not_hold_back_the_ones_after_it()
    {
        var conversation = ConversationOn(Channel.Telegram);
        var failed = AgentReply(conversation, "Birinchi");
        var next = AgentReply(conversation, "Ikkinchi");
        new DeliveryRetryPolicy(new DeliveryOptions(), Random.Shared)
            .RecordFailure(failed, new ChannelApiException(ChannelFailure.Rejected, "Forbidden: bot was blocked by the user"), Now);

        DueIds([failed, next], Now.AddSeconds(1)).ShouldBe([next.Id]);
    }

    [Fact]
    public void Messages_stamped_or_put_off_until_later_are_not_due_yet()
    {
        var early = AgentReply(ConversationOn(Channel.Telegram), "Erta");
        var late = AgentReply(ConversationOn(Channel.WhatsApp), "Kech", Now.AddMinutes(1));
        var deferred = AgentReply(ConversationOn(Channel.Instagram), "Keyin");
        deferred.DeliveryAttemptFailed("Bad Gateway", Now.AddMinutes(5));

        DueIds([late, deferred, early], Now.AddSeconds(30)).ShouldBe([early.Id]);
        DueIds([late, deferred, early], Now.AddMinutes(2)).ShouldBe([early.Id, late.Id], ignoreOrder: true);
    }
}
