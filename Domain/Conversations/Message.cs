using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

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
    public const int ExternalMessageIdMaxLength = 200;
    public const int DeliveryErrorMaxLength = 500;

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

    public MessageContentType ContentType { get; private set; }

    /// <summary>Structured detail as JSON (media reference, coordinates, contact, button id); see <see cref="MessageContent"/>.</summary>
    public string? ContentData { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DeliveryStatus DeliveryStatus { get; private set; }

    /// <summary>The agent who wrote an agent reply.</summary>
    public Guid? AgentUserId { get; private set; }

    /// <summary>For bot replies: how sure the answer engine was, and which entry it used.</summary>
    public double? Confidence { get; private set; }

    public Guid? KnowledgeEntryId { get; private set; }

    /// <summary>The sender's own id for an inbound message, so a retried send is stored once.</summary>
    public string? ClientMessageId { get; private set; }

    /// <summary>
    /// The provider's id of this message: for inbound messages the id the customer's channel gave it, for outbound
    /// ones the id the provider returned on send (delivery status callbacks refer to it).
    /// </summary>
    public string? ExternalMessageId { get; private set; }

    // The outbox: an outbound message to a non-widget channel is Pending until a delivery worker sends it.

    /// <summary>Failed send attempts so far.</summary>
    public int DeliveryAttempts { get; private set; }

    /// <summary>While Pending: not to be tried before this time (backoff, the provider's retry_after, pacing).</summary>
    public DateTimeOffset? NextDeliveryAt { get; private set; }

    /// <summary>The last send error, kept when the message is dead-lettered (<see cref="DeliveryStatus.Failed"/>).</summary>
    public string? DeliveryError { get; private set; }

    internal static Message Inbound(Conversation conversation, MessageContent content, DateTimeOffset at, string? clientMessageId, string? externalMessageId) =>
        Create(conversation, MessageDirection.Inbound, MessageAuthor.Contact, content.Text, at, m =>
        {
            m.ContentType = content.Type;
            m.ContentData = content.Data;
            m.ClientMessageId = clientMessageId;
            m.ExternalMessageId = externalMessageId;
            m.DeliveryStatus = DeliveryStatus.Delivered;
        });

    internal static Message FromBot(Conversation conversation, string text, DateTimeOffset at, double? confidence, Guid? knowledgeEntryId) =>
        Create(conversation, MessageDirection.Outbound, MessageAuthor.Bot, text, at, m =>
        {
            m.Confidence = confidence;
            m.KnowledgeEntryId = knowledgeEntryId;
        });

    internal static Message FromAgent(Conversation conversation, Guid? agentUserId, string text, DateTimeOffset at) =>
        Create(conversation, MessageDirection.Outbound, MessageAuthor.Agent, text, at, m => m.AgentUserId = agentUserId);

    public bool AwaitsDelivery => DeliveryStatus == DeliveryStatus.Pending;

    /// <summary>The provider accepted the message.</summary>
    public void DeliverySucceeded(string? externalMessageId)
    {
        if (DeliveryStatus != DeliveryStatus.Pending)
            return;
        DeliveryStatus = DeliveryStatus.Sent;
        ExternalMessageId = externalMessageId;
        NextDeliveryAt = null;
        DeliveryError = null;
    }

    /// <summary>
    /// Queued behind an earlier pending message of its conversation: no due time until that one leaves the queue, so
    /// the delivery scan does not read it (the outbox gives it its due time back then).
    /// </summary>
    public void WaitForEarlierMessages()
    {
        if (DeliveryStatus == DeliveryStatus.Pending)
            NextDeliveryAt = null;
    }

    /// <summary>A send failed but may succeed later; counts as an attempt.</summary>
    public void DeliveryAttemptFailed(string error, DateTimeOffset retryAt)
    {
        DeliveryAttempts++;
        DeliveryError = TruncateError(error);
        NextDeliveryAt = retryAt;
    }

    /// <summary>Gave up: the message is dead-lettered and shown as failed in the inbox, with a retry action.</summary>
    public void DeliveryGaveUp(string error)
    {
        DeliveryStatus = DeliveryStatus.Failed;
        DeliveryError = TruncateError(error);
        NextDeliveryAt = null;
    }

    /// <summary>An agent retries a dead-lettered message.</summary>
    public void RetryDelivery(DateTimeOffset at)
    {
        if (Direction != MessageDirection.Outbound || DeliveryStatus != DeliveryStatus.Failed)
            throw new DomainRuleViolationException("Only a failed outgoing message can be retried.");
        DeliveryStatus = DeliveryStatus.Pending;
        DeliveryAttempts = 0;
        NextDeliveryAt = at;
    }

    /// <summary>
    /// A provider's status callback (sent, delivered, read, failed). Callbacks arrive out of order and repeated, so
    /// the status only moves forward; a failure report is kept with its error.
    /// </summary>
    public void StatusReported(DeliveryStatus status, string? error)
    {
        if (status == DeliveryStatus.Failed)
        {
            DeliveryGaveUp(error ?? "The provider reported the message as failed.");
            return;
        }

        if (DeliveryStatus is DeliveryStatus.Pending or DeliveryStatus.Failed || status > DeliveryStatus)
        {
            DeliveryStatus = status;
            NextDeliveryAt = null;
        }
    }

    private static string TruncateError(string error) => error.Length <= DeliveryErrorMaxLength ? error : error[..DeliveryErrorMaxLength];

    private static Message Create(Conversation conversation, MessageDirection direction, MessageAuthor author, string text, DateTimeOffset at, Action<Message> details)
    {
        var message = new Message(conversation.Id, direction, author, text, at);
        message.AssignTenant(conversation.TenantId);
        // The web widget receives replies in the same request or live; other channels start Pending until sent.
        message.DeliveryStatus = conversation.Channel == Channel.Widget ? DeliveryStatus.Sent : DeliveryStatus.Pending;
        if (message.DeliveryStatus == DeliveryStatus.Pending)
            message.NextDeliveryAt = at;
        details(message);
        return message;
    }
}
