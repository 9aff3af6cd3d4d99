using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Conversations.Common;

public sealed record MessageDto(
    Guid Id,
    Guid ConversationId,
    MessageDirection Direction,
    MessageAuthor Author,
    string Text,
    DateTimeOffset SentAt,
    DeliveryStatus DeliveryStatus,
    double? Confidence,
    MessageContentType ContentType,
    string? ContentData,
    string? DeliveryError);

public sealed record ConversationSummaryDto(
    Guid Id,
    Guid BotId,
    string BotName,
    string ContactName,
    string ContactExternalId,
    Channel Channel,
    ConversationStatus Status,
    DateTimeOffset LastMessageAt,
    string LastMessagePreview,
    int UnreadCount,
    Guid ContactId);

public static class ConversationProjections
{
    public static MessageDto ToDto(this Message message) =>
        new(message.Id, message.ConversationId, message.Direction, message.Author, message.Text, message.SentAt, message.DeliveryStatus, message.Confidence,
            message.ContentType, message.ContentData, message.DeliveryError);

    public static IQueryable<MessageDto> ProjectToDto(this IQueryable<Message> messages) =>
        messages.Select(m => new MessageDto(m.Id, m.ConversationId, m.Direction, m.Author, m.Text, m.SentAt, m.DeliveryStatus, m.Confidence,
            m.ContentType, m.ContentData, m.DeliveryError));

    /// <summary>A contact's current conversation with a bot: the most recently active one.</summary>
    public static Task<Conversation?> LatestAsync(this IQueryable<Conversation> conversations, Guid botId, Guid contactId, CancellationToken cancellationToken) =>
        conversations.Where(c => c.BotId == botId && c.ContactId == contactId)
            .OrderByDescending(c => c.LastMessageAt)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>One conversation as the inbox lists it.</summary>
    public static Task<ConversationSummaryDto> SummaryAsync(this IApplicationDbContext context, Guid conversationId, CancellationToken cancellationToken) =>
        context.Conversations.Where(c => c.Id == conversationId).ProjectToSummary(context).SingleAsync(cancellationToken);

    /// <summary>
    /// Most recently active first, after a cursor's position if one is given: the id breaks ties, so the order is total.
    /// </summary>
    public static IQueryable<Conversation> OrderByRecentActivity(this IQueryable<Conversation> conversations, KeysetCursor? after) =>
        (after is { } a ? conversations.Where(c => c.LastMessageAt < a.At || (c.LastMessageAt == a.At && c.Id.CompareTo(a.Id) < 0)) : conversations)
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id);

    /// <summary>
    /// A conversation's messages newest first, a cursor page at a time; 404 when the conversation is not the current
    /// tenant's. The inbox and staff under an access grant read the same history.
    /// </summary>
    public static async Task<CursorPage<MessageDto>> HistoryPageAsync(this IApplicationDbContext context, Guid conversationId, string? cursor, int limit,
        CancellationToken cancellationToken)
    {
        if (!await context.Conversations.AnyAsync(c => c.Id == conversationId, cancellationToken))
            throw new NotFoundException("No such conversation.");
        var messages = context.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        if (KeysetCursor.Decode(cursor) is { } after)
            messages = messages.Where(m => m.SentAt < after.At || (m.SentAt == after.At && m.Id.CompareTo(after.Id) < 0));
        return await messages
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .ProjectToDto()
            .ToCursorPageAsync(limit, m => new KeysetCursor(m.SentAt, m.Id), cancellationToken);
    }

    /// <summary>Conversation rows joined with their bot's and contact's names, for lists and live updates.</summary>
    public static IQueryable<ConversationSummaryDto> ProjectToSummary(this IQueryable<Conversation> conversations, IApplicationDbContext context) =>
        from c in conversations
        join b in context.Bots on c.BotId equals b.Id
        join p in context.Contacts on c.ContactId equals p.Id
        select new ConversationSummaryDto(c.Id, c.BotId, b.Name, p.DisplayName, p.ExternalId, c.Channel, c.Status, c.LastMessageAt, c.LastMessagePreview, c.UnreadCount, c.ContactId);
}
