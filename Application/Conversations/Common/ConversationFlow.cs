using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Usage;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Erasure.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Conversations.Common;

/// <summary>The result of a customer's message: what was stored and what the bot said back (if anything).</summary>
public sealed record InboundResult(Guid ConversationId, ConversationStatus Status, MessageDto Received, MessageDto? Reply, bool Duplicate);

/// <summary>A customer's message added to the context by <see cref="ConversationFlow.AddAsync"/>, with the bot's answer.</summary>
public sealed record ReceivedMessage(Conversation Conversation, Message Message, Message? Reply);

/// <summary>
/// What happens when a customer writes, on any channel: the message is stored, then the bot answers, hands over
/// to a human, or stays quiet because a human has the conversation. One save; live updates after it. Scoped: it
/// remembers the conversations it touched in its scope, for a caller that saves many messages at once. While the
/// tenant's processing is restricted the message is only stored: the bot neither answers nor hands over. While the
/// tenant's trial has ended unpaid, the bot answers that the service is temporarily unavailable. Once the month's
/// answers of the plan are used up, the bot hands the conversation to a person (see <see cref="AnswerMeter"/>).
/// </summary>
public sealed class ConversationFlow(IApplicationDbContext context, BotResponder responder, IConversationNotifier notifier,
    IOutboundDeliverySignal delivery, ProcessingRestrictions restrictions, AnswerMeter meter, IOptions<BillingOptions> billing, TimeProvider time)
{
    public const string HumanRequestedNotice =
        "Operatorga ulanmoqdasiz, tez orada javob beramiz. / Соединяем с оператором, скоро ответим. / Connecting you to an operator.";

    private readonly Dictionary<(Guid BotId, Guid ContactId), Conversation> _current = [];
    private bool? _botsSilenced;

    /// <summary>A widget visitor's text message, saved at once; a repeated <paramref name="clientMessageId"/> is the earlier message.</summary>
    public async Task<InboundResult> ReceiveAsync(Bot bot, Contact contact, string text, string? clientMessageId, CancellationToken cancellationToken)
    {
        var conversation = await LatestAsync(bot, contact, cancellationToken);
        if (conversation is not null && clientMessageId is not null)
        {
            var earlier = await context.Messages.SingleOrDefaultAsync(
                m => m.ConversationId == conversation.Id && m.ClientMessageId == clientMessageId, cancellationToken);
            if (earlier is not null)
                return new InboundResult(conversation.Id, conversation.Status, earlier.ToDto(), Reply: null, Duplicate: true);
        }

        var received = await AddAsync(bot, contact, MessageContent.PlainText(text), question: text, clientMessageId, externalMessageId: null, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await AfterSaveAsync([received], cancellationToken);
        return new InboundResult(received.Conversation.Id, received.Conversation.Status, received.Message.ToDto(), received.Reply?.ToDto(), Duplicate: false);
    }

    /// <summary>
    /// Adds a customer's message of any content, and what the bot says back, to the context without saving: the caller
    /// saves them with its own changes (a processed inbox event, other customers' messages), then calls
    /// <see cref="AfterSaveAsync"/>. <paramref name="question"/> is what the bot answers (the text, a button's title);
    /// null when the message is for a person to see (a photo, a location, a contact), so the bot stays quiet.
    /// Conversations started earlier in this scope are found, so one save can hold many messages of one customer.
    /// </summary>
    public async Task<ReceivedMessage> AddAsync(Bot bot, Contact contact, MessageContent content, string? question, string? clientMessageId,
        string? externalMessageId, CancellationToken cancellationToken)
    {
        var conversation = await LatestAsync(bot, contact, cancellationToken);
        var now = time.GetUtcNow();
        if (conversation is null)
        {
            conversation = Conversation.Start(bot, contact, now);
            context.Conversations.Add(conversation);
            _current[(bot.Id, contact.Id)] = conversation;
        }

        var received = conversation.Receive(content, now, clientMessageId, externalMessageId);
        context.Messages.Add(received);
        var reply = question is null ? null : await ReplyAsync(bot, conversation, question, cancellationToken);
        if (reply is not null)
            context.Messages.Add(reply);
        return new ReceivedMessage(conversation, received, reply);
    }

    /// <summary>Once the messages from <see cref="AddAsync"/> are saved: wakes the delivery of the answers and updates the inbox live.</summary>
    public async Task AfterSaveAsync(IReadOnlyCollection<ReceivedMessage> saved, CancellationToken cancellationToken)
    {
        if (saved.Any(r => r.Reply is { AwaitsDelivery: true }))
            delivery.MessagesQueued();
        await meter.WarnOwnersAsync(time.GetUtcNow(), cancellationToken);
        if (saved.Count == 0)
            return;

        await NotifyAsync(saved.GroupBy(r => r.Conversation).ToDictionary(
            c => c.Key,
            c => (IReadOnlyList<MessageDto>)[.. c.SelectMany(r => r.Reply is null ? [r.Message.ToDto()] : new[] { r.Message.ToDto(), r.Reply.ToDto() })]),
            cancellationToken);
    }

    /// <summary>Updates the inbox live with each conversation's new messages; the summaries in one read, not one per conversation.</summary>
    private async Task NotifyAsync(IReadOnlyDictionary<Conversation, IReadOnlyList<MessageDto>> added, CancellationToken cancellationToken)
    {
        var ids = added.Keys.Select(c => c.Id).ToList();
        var summaries = await context.Conversations.Where(c => ids.Contains(c.Id)).ProjectToSummary(context).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var (conversation, messages) in added)
            await notifier.MessagesAddedAsync(conversation.TenantId, summaries[conversation.Id], messages, cancellationToken);
    }

    /// <summary>The customer pressed "talk to a person".</summary>
    public async Task<MessageDto?> RequestHumanAsync(Bot bot, Contact contact, CancellationToken cancellationToken)
    {
        var conversation = await LatestAsync(bot, contact, cancellationToken);
        if (conversation is null || !conversation.BotMayAnswer || await restrictions.HoldsProcessingAsync(bot.TenantId, cancellationToken))
            return null;

        var notice = conversation.RequestHuman(HumanRequestedNotice, time.GetUtcNow());
        context.Messages.Add(notice);
        await context.SaveChangesAsync(cancellationToken);
        if (notice.AwaitsDelivery)
            delivery.MessagesQueued();
        await NotifyAsync(conversation, [notice.ToDto()], cancellationToken);
        return notice.ToDto();
    }

    /// <summary>
    /// Once a tenant's restriction is lifted: the bot answers, oldest first, the customers' text messages it stayed
    /// quiet on while it lasted (a widget's messages are stored at once; channels' webhooks wait in the inbox and are
    /// answered when processed). A message something was sent after (an agent's answer, the processor's) is left alone.
    /// </summary>
    public async Task AnswerHeldAsync(Guid tenantId, DateTimeOffset restrictedSince, CancellationToken cancellationToken)
    {
        var held = await context.Messages
            .Where(m => m.TenantId == tenantId && m.SentAt >= restrictedSince
                && m.Direction == MessageDirection.Inbound && m.ContentType == MessageContentType.Text
                && context.Conversations.Any(c => c.Id == m.ConversationId && c.Status == ConversationStatus.Bot)
                && !context.Messages.Any(r => r.ConversationId == m.ConversationId && r.Direction == MessageDirection.Outbound && r.SentAt >= m.SentAt))
            .OrderBy(m => m.SentAt)
            .Select(m => new { m.ConversationId, m.Text })
            .ToListAsync(cancellationToken);
        if (held.Count == 0)
            return;

        var conversationIds = held.Select(m => m.ConversationId).Distinct().ToList();
        var conversations = await context.Conversations.Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var botIds = conversations.Values.Select(c => c.BotId).Distinct().ToList();
        var bots = await context.Bots.Where(b => botIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var replies = new List<(Conversation Conversation, Message Reply)>();
        foreach (var message in held)
        {
            var conversation = conversations[message.ConversationId];
            if (bots.TryGetValue(conversation.BotId, out var bot) && await ReplyAsync(bot, conversation, message.Text, cancellationToken) is { } reply)
            {
                context.Messages.Add(reply);
                replies.Add((conversation, reply));
            }
        }

        await context.SaveChangesAsync(cancellationToken);
        if (replies.Any(r => r.Reply.AwaitsDelivery))
            delivery.MessagesQueued();
        await meter.WarnOwnersAsync(time.GetUtcNow(), cancellationToken);
        await NotifyAsync(replies.GroupBy(r => r.Conversation).ToDictionary(
            c => c.Key, c => (IReadOnlyList<MessageDto>)[.. c.Select(r => r.Reply.ToDto())]), cancellationToken);
    }

    public async Task NotifyAsync(Conversation conversation, IReadOnlyList<MessageDto> messages, CancellationToken cancellationToken)
    {
        var summary = await context.SummaryAsync(conversation.Id, cancellationToken);
        await notifier.MessagesAddedAsync(conversation.TenantId, summary, messages, cancellationToken);
    }

    // A conversation this scope started is not in the database until the caller saves; one it read is the latest.
    private async Task<Conversation?> LatestAsync(Bot bot, Contact contact, CancellationToken cancellationToken)
    {
        if (_current.TryGetValue((bot.Id, contact.Id), out var current))
            return current;
        current = await context.Conversations.LatestAsync(bot.Id, contact.Id, cancellationToken);
        if (current is not null)
            _current[(bot.Id, contact.Id)] = current;
        return current;
    }

    private async Task<Message?> ReplyAsync(Bot bot, Conversation conversation, string text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!conversation.BotMayAnswer || await restrictions.HoldsProcessingAsync(bot.TenantId, cancellationToken))
            return null;
        if (await restrictions.AwaitsPaymentAsync(bot.TenantId, cancellationToken))
            return conversation.ReplyAsBot(billing.Value.UnavailableMessage.InLanguageOf(text), now, confidence: null, knowledgeEntryId: null);
        if (bot.Status == BotStatus.Paused || bot.IsHandoffRequest(text))
            return conversation.RequestHuman(HumanRequestedNotice, now);
        // A lapsed subscription stops the bots; the tenant's people can still answer.
        // Read once per scope: a processor's scope holds many messages of one tenant.
        // A tenant waiting for erasure is silenced the same way.
        _botsSilenced ??= await context.Subscriptions.AnyAsync(
                s => s.Status == SubscriptionStatus.Suspended || s.Status == SubscriptionStatus.Canceled, cancellationToken)
            || await context.ErasureRequests.PendingForTenant(conversation.TenantId).AnyAsync(cancellationToken);
        if (_botsSilenced.Value)
            return conversation.RequestHuman(HumanRequestedNotice, now);

        // Inbound is stored either way; past the month's answers a person takes over, and the engine is not asked.
        if (!await meter.MayAnswerAsync(bot.TenantId, now, cancellationToken))
            return conversation.RequestHuman(billing.Value.LimitReachedMessage.InLanguageOf(text), now);

        var answer = await responder.AnswerAsync(bot, text, cancellationToken);
        var reply = conversation.ReplyAsBot(answer.Text, now, answer.Confidence, answer.MatchedEntryId);
        meter.Count(reply);
        return reply;
    }
}
