using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Conversations;

/// <summary>A thread between one contact and a tenant's bot or agents, on one channel.</summary>
public sealed class Conversation : TenantOwnedEntity
{
    public const int PreviewLength = 120;

    /// <summary>WhatsApp and Instagram accept free-text replies only this long after the customer's last message.</summary>
    public static readonly TimeSpan CustomerServiceWindow = TimeSpan.FromHours(24);

    /// <summary>Instagram lets a human agent answer (with the HUMAN_AGENT tag) this long after the customer's last message.</summary>
    public static readonly TimeSpan HumanAgentWindow = TimeSpan.FromDays(7);

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

    /// <summary>When the customer last wrote: the start of the channel's customer-service window.</summary>
    public DateTimeOffset? LastInboundAt { get; private set; }

    public static Conversation Start(Bot bot, Contact contact, DateTimeOffset at)
    {
        var conversation = new Conversation(bot.Id, contact.Id, contact.Channel, at);
        conversation.AssignTenant(bot.TenantId);
        return conversation;
    }

    /// <summary>Whether the bot should answer the next customer message.</summary>
    public bool BotMayAnswer => Status == ConversationStatus.Bot;

    public Message Receive(string text, DateTimeOffset at, string? clientMessageId) =>
        Receive(MessageContent.PlainText(text), at, clientMessageId, externalMessageId: null);

    public Message Receive(MessageContent content, DateTimeOffset at, string? clientMessageId, string? externalMessageId)
    {
        if (Status == ConversationStatus.Closed)
            Status = ConversationStatus.Bot; // a customer writing again reopens the conversation
        UnreadCount++;
        LastInboundAt = at;
        return Touch(Message.Inbound(this, content, NextStamp(at), clientMessageId, externalMessageId));
    }

    public Message ReplyAsBot(string text, DateTimeOffset at, double? confidence, Guid? knowledgeEntryId)
    {
        EnsureFreeTextAllowed(MessageAuthor.Bot, at);
        return Touch(Message.FromBot(this, text, NextStamp(at), confidence, knowledgeEntryId));
    }

    /// <summary>Whether a free-text reply may be sent now: WhatsApp and Instagram refuse them outside the customer-service window.</summary>
    public bool MayReplyFreely(MessageAuthor author, DateTimeOffset at)
    {
        var window = Channel switch
        {
            Channel.WhatsApp => CustomerServiceWindow,
            Channel.Instagram => author == MessageAuthor.Agent ? HumanAgentWindow : CustomerServiceWindow,
            _ => (TimeSpan?)null,
        };
        return window is null || (LastInboundAt is { } last && at - last <= window);
    }

    private void EnsureFreeTextAllowed(MessageAuthor author, DateTimeOffset at)
    {
        if (MayReplyFreely(author, at))
            return;
        throw new DomainRuleViolationException(Channel == Channel.WhatsApp
            ? "WhatsApp accepts free-text replies only within 24 hours of the customer's last message. Wait for the customer to write again (template messages are not supported yet)."
            : "Instagram accepts replies only within 24 hours of the customer's last message (7 days for a person answering). Wait for the customer to write again.");
    }

    /// <summary>The customer asked for a person: the bot says so once and then stays quiet.</summary>
    public Message RequestHuman(string notice, DateTimeOffset at)
    {
        EnsureFreeTextAllowed(MessageAuthor.Bot, at);
        Status = ConversationStatus.WaitingForHuman;
        return Touch(Message.FromBot(this, notice, NextStamp(at), confidence: null, knowledgeEntryId: null));
    }

    /// <summary>An agent answers; the bot pauses for this conversation until handed back.</summary>
    // The agent is null for a reply sent through the tenant's API key.
    public Message ReplyAsAgent(Guid? agentUserId, string text, DateTimeOffset at)
    {
        if (Status == ConversationStatus.Closed)
            throw new DomainRuleViolationException("Reopen the conversation to reply.");
        EnsureFreeTextAllowed(MessageAuthor.Agent, at);
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
    // (a question and its immediate answer); a millisecond is the finest step every database keeps. So a message less
    // than a millisecond after the last one is stamped a millisecond after it: SQLite keeps 100 µs, and two stamps closer
    // than that could read back equal, and the outbox would no longer know which reply goes first.
    private DateTimeOffset NextStamp(DateTimeOffset at) => at >= LastMessageAt.AddMilliseconds(1) ? at : LastMessageAt.AddMilliseconds(1);

    private Message Touch(Message message)
    {
        LastMessageAt = message.SentAt;
        var preview = new MessageContent(message.ContentType, message.Text).Preview;
        LastMessagePreview = preview.Length <= PreviewLength ? preview : preview[..PreviewLength];
        return message;
    }
}
