using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Conversations.Common;

/// <summary>The result of a customer's message: what was stored and what the bot said back (if anything).</summary>
public sealed record InboundResult(Guid ConversationId, ConversationStatus Status, MessageDto Received, MessageDto? Reply, bool Duplicate);

/// <summary>
/// What happens when a customer writes, on any channel: the message is stored, then the bot answers, hands over
/// to a human, or stays quiet because a human has the conversation. One save; live updates after it.
/// </summary>
public sealed class ConversationFlow(IApplicationDbContext context, BotResponder responder, IConversationNotifier notifier,
    IOutboundDeliverySignal delivery, TimeProvider time)
{
    public const string HumanRequestedNotice =
        "Operatorga ulanmoqdasiz, tez orada javob beramiz. / Соединяем с оператором, скоро ответим. / Connecting you to an operator.";

    public Task<InboundResult> ReceiveAsync(Bot bot, Contact contact, string text, string? clientMessageId, CancellationToken cancellationToken) =>
        ReceiveAsync(bot, contact, MessageContent.PlainText(text), question: text, clientMessageId, externalMessageId: null, cancellationToken);

    /// <summary>
    /// A message of any content. <paramref name="question"/> is what the bot answers (the text, a button's title); null
    /// when the message is for a person to see (a photo, a location, a contact), so the bot stays quiet.
    /// Anything else the caller tracked in this context (a processed inbox event) is saved in the same SaveChanges.
    /// </summary>
    public async Task<InboundResult> ReceiveAsync(Bot bot, Contact contact, MessageContent content, string? question, string? clientMessageId,
        string? externalMessageId, CancellationToken cancellationToken)
    {
        var conversation = await context.Conversations.LatestAsync(bot.Id, contact.Id, cancellationToken);

        if (conversation is not null && clientMessageId is not null)
        {
            var earlier = await context.Messages.SingleOrDefaultAsync(
                m => m.ConversationId == conversation.Id && m.ClientMessageId == clientMessageId, cancellationToken);
            if (earlier is not null)
                return new InboundResult(conversation.Id, conversation.Status, earlier.ToDto(), Reply: null, Duplicate: true);
        }

        var now = time.GetUtcNow();
        if (conversation is null)
        {
            conversation = Conversation.Start(bot, contact, now);
            context.Conversations.Add(conversation);
        }

        var received = conversation.Receive(content, now, clientMessageId, externalMessageId);
        context.Messages.Add(received);
        var reply = question is null ? null : await ReplyAsync(bot, conversation, question, cancellationToken);
        if (reply is not null)
            context.Messages.Add(reply);
        await context.SaveChangesAsync(cancellationToken);
        if (reply is { AwaitsDelivery: true })
            delivery.MessagesQueued();

        var messages = reply is null ? [received.ToDto()] : new List<MessageDto> { received.ToDto(), reply.ToDto() };
        await NotifyAsync(conversation, messages, cancellationToken);
        return new InboundResult(conversation.Id, conversation.Status, received.ToDto(), reply?.ToDto(), Duplicate: false);
    }

    /// <summary>The customer pressed "talk to a person".</summary>
    public async Task<MessageDto?> RequestHumanAsync(Bot bot, Contact contact, CancellationToken cancellationToken)
    {
        var conversation = await context.Conversations.LatestAsync(bot.Id, contact.Id, cancellationToken);
        if (conversation is null || !conversation.BotMayAnswer)
            return null;

        var notice = conversation.RequestHuman(HumanRequestedNotice, time.GetUtcNow());
        context.Messages.Add(notice);
        await context.SaveChangesAsync(cancellationToken);
        if (notice.AwaitsDelivery)
            delivery.MessagesQueued();
        await NotifyAsync(conversation, [notice.ToDto()], cancellationToken);
        return notice.ToDto();
    }

    public async Task NotifyAsync(Conversation conversation, IReadOnlyList<MessageDto> messages, CancellationToken cancellationToken)
    {
        var summary = await context.SummaryAsync(conversation.Id, cancellationToken);
        await notifier.MessagesAddedAsync(conversation.TenantId, summary, messages, cancellationToken);
    }

    private async Task<Message?> ReplyAsync(Bot bot, Conversation conversation, string text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!conversation.BotMayAnswer)
            return null;
        if (bot.Status == BotStatus.Paused || bot.IsHandoffRequest(text))
            return conversation.RequestHuman(HumanRequestedNotice, now);
        // A lapsed subscription stops the bots; the tenant's people can still answer.
        if (await context.Subscriptions.AnyAsync(s => s.Status == SubscriptionStatus.Suspended || s.Status == SubscriptionStatus.Canceled, cancellationToken))
            return conversation.RequestHuman(HumanRequestedNotice, now);

        var answer = await responder.AnswerAsync(bot, text, cancellationToken);
        return conversation.ReplyAsBot(answer.Text, now, answer.Confidence, answer.MatchedEntryId);
    }
}
