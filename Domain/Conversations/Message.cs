using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Conversations;

public enum MessageDirection
{
    Inbound = 0,
    Outbound = 1,
}

public enum MessageAuthor
{
    Contact = 0,
    Bot = 1,
    Agent = 2,
}

public enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}

/// <summary>One message of a conversation, kept as the message history the Privacy Policy describes.</summary>
public sealed class Message : TenantOwnedEntity
{
    public const int TextMaxLength = 4000;
    public const int ClientMessageIdMaxLength = 64;

    private Message(Guid conversationId, MessageDirection direction, MessageAuthor author, string text, DateTimeOffset sentAt)
    {
        ConversationId = conversationId;
        Direction = direction;
        Author = author;
        Text = text;
        SentAt = sentAt;
    }

    public Guid ConversationId { get; private set; }

    public MessageDirection Direction { get; private set; }

    public MessageAuthor Author { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DeliveryStatus DeliveryStatus { get; private set; }

    /// <summary>The agent who wrote an agent reply.</summary>
    public Guid? AgentUserId { get; private set; }

    /// <summary>For bot replies: how sure the answer engine was, and which entry it used.</summary>
    public double? Confidence { get; private set; }

    public Guid? KnowledgeEntryId { get; private set; }

    /// <summary>The sender's own id for an inbound message, so a retried send is stored once.</summary>
    public string? ClientMessageId { get; private set; }

    internal static Message Inbound(Conversation conversation, string text, DateTimeOffset at, string? clientMessageId) =>
        Create(conversation, MessageDirection.Inbound, MessageAuthor.Contact, text, at, m =>
        {
            m.ClientMessageId = clientMessageId;
            m.DeliveryStatus = DeliveryStatus.Delivered;
        });

    internal static Message FromBot(Conversation conversation, string text, DateTimeOffset at, double? confidence, Guid? knowledgeEntryId) =>
        Create(conversation, MessageDirection.Outbound, MessageAuthor.Bot, text, at, m =>
        {
            m.Confidence = confidence;
            m.KnowledgeEntryId = knowledgeEntryId;
        });

    internal static Message FromAgent(Conversation conversation, Guid agentUserId, string text, DateTimeOffset at) =>
        Create(conversation, MessageDirection.Outbound, MessageAuthor.Agent, text, at, m => m.AgentUserId = agentUserId);

    public void MarkDelivery(DeliveryStatus status) => DeliveryStatus = status;

    private static Message Create(Conversation conversation, MessageDirection direction, MessageAuthor author, string text, DateTimeOffset at, Action<Message> details)
    {
        var message = new Message(conversation.Id, direction, author, text, at);
        message.AssignTenant(conversation.TenantId);
        // The web widget receives replies in the same request or live; other channels start Pending until sent.
        message.DeliveryStatus = conversation.Channel == Channel.Widget ? DeliveryStatus.Sent : DeliveryStatus.Pending;
        details(message);
        return message;
    }
}
