using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Conversations;

/// <summary>A thread between one contact and a tenant's bot or agents, on one channel.</summary>
public sealed class Conversation : TenantOwnedEntity
{
    public const int PreviewLength = 120;

    private Conversation(Guid botId, Guid contactId, Channel channel, DateTimeOffset lastMessageAt)
    {
        BotId = botId;
        ContactId = contactId;
        Channel = channel;
        LastMessageAt = lastMessageAt;
    }

    public Guid BotId { get; private set; }

    public Guid ContactId { get; private set; }

    public Channel Channel { get; private set; }

    public ConversationStatus Status { get; private set; } = ConversationStatus.Bot;

    public DateTimeOffset LastMessageAt { get; private set; }

    public string LastMessagePreview { get; private set; } = string.Empty;

    /// <summary>Customer messages no agent has looked at yet.</summary>
    public int UnreadCount { get; private set; }

    public static Conversation Start(Bot bot, Contact contact, DateTimeOffset at)
    {
        var conversation = new Conversation(bot.Id, contact.Id, contact.Channel, at);
        conversation.AssignTenant(bot.TenantId);
        return conversation;
    }

    /// <summary>Whether the bot should answer the next customer message.</summary>
    public bool BotMayAnswer => Status == ConversationStatus.Bot;

    public Message Receive(string text, DateTimeOffset at, string? clientMessageId)
    {
        if (Status == ConversationStatus.Closed)
            Status = ConversationStatus.Bot; // a customer writing again reopens the conversation
        UnreadCount++;
        return Touch(Message.Inbound(this, text, NextStamp(at), clientMessageId));
    }

    public Message ReplyAsBot(string text, DateTimeOffset at, double? confidence, Guid? knowledgeEntryId) =>
        Touch(Message.FromBot(this, text, NextStamp(at), confidence, knowledgeEntryId));

    /// <summary>The customer asked for a person: the bot says so once and then stays quiet.</summary>
    public Message RequestHuman(string notice, DateTimeOffset at)
    {
        Status = ConversationStatus.WaitingForHuman;
        return Touch(Message.FromBot(this, notice, NextStamp(at), confidence: null, knowledgeEntryId: null));
    }

    /// <summary>An agent answers; the bot pauses for this conversation until handed back.</summary>
    public Message ReplyAsAgent(Guid agentUserId, string text, DateTimeOffset at)
    {
        if (Status == ConversationStatus.Closed)
            throw new DomainRuleViolationException("Reopen the conversation to reply.");
        Status = ConversationStatus.Human;
        UnreadCount = 0;
        return Touch(Message.FromAgent(this, agentUserId, text, NextStamp(at)));
    }

    public void HandBackToBot()
    {
        if (Status == ConversationStatus.Closed)
            throw new DomainRuleViolationException("Reopen the conversation first.");
        Status = ConversationStatus.Bot;
    }

    public void Close()
    {
        Status = ConversationStatus.Closed;
        UnreadCount = 0;
    }

    public void Reopen()
    {
        if (Status == ConversationStatus.Closed)
            Status = ConversationStatus.Bot;
    }

    public void MarkRead() => UnreadCount = 0;

    // Messages of one conversation are strictly ordered by time, even when two are stamped in the same instant
    // (a question and its immediate answer); a millisecond is the finest step every database keeps.
    private DateTimeOffset NextStamp(DateTimeOffset at) => at > LastMessageAt ? at : LastMessageAt.AddMilliseconds(1);

    private Message Touch(Message message)
    {
        LastMessageAt = message.SentAt;
        LastMessagePreview = message.Text.Length <= PreviewLength ? message.Text : message.Text[..PreviewLength];
        return message;
    }
}
