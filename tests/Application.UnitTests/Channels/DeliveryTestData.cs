using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;

namespace Application.UnitTests.Channels;

internal static class DeliveryTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static readonly Bot Bot = Bot.Create("Do‘kon boti", "Salom!", "Tushunmadim.", "widget-key");

    public static Conversation ConversationOn(Channel channel, string customer = "998901112233")
    {
        // The customer wrote a minute ago; replies are stamped from Now on.
        var conversation = Conversation.Start(Bot, Contact.Create(Guid.NewGuid(), channel, customer, "Mijoz"), Now.AddMinutes(-1));
        conversation.Receive("Salom", Now.AddMinutes(-1), clientMessageId: null);
        return conversation;
    }

    public static Message AgentReply(Conversation conversation, string text, DateTimeOffset? at = null) =>
        conversation.ReplyAsAgent(Guid.NewGuid(), text, at ?? Now);
}
