using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>
/// Acts on stored webhook events of one tenant, inside its scope. The events' new states are saved in the same
/// SaveChanges as their effects (the customers' messages and the bot's queued answers, delivery statuses), so a crash
/// before that save leaves them Pending with nothing done, and running them again does each once. One scope, one save
/// for many events: SQLite has one writer, and a commit per event left little of it for the webhooks.
/// </summary>
public sealed class InboundEventProcessor(IApplicationDbContext context, ConversationFlow flow, IInboundEventStore store, TimeProvider time)
{
    private readonly Dictionary<Guid, ChannelConnection> _connections = [];
    private readonly Dictionary<Guid, Bot> _bots = [];
    private readonly Dictionary<(Channel Channel, string ExternalId), Contact> _contacts = [];

    /// <summary>Processes the events still Pending among <paramref name="eventIds"/>, in that order; returns the states of those found.</summary>
    public async Task<IReadOnlyList<InboundEventState>> ProcessAsync(IReadOnlyList<Guid> eventIds, CancellationToken cancellationToken)
    {
        var events = await context.InboundEvents.Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var received = new List<ReceivedMessage>();
        var states = new List<InboundEventState>();
        foreach (var id in eventIds)
        {
            if (!events.TryGetValue(id, out var inbound))
                continue;
            if (inbound.State == InboundEventState.Pending && await ActAsync(inbound, cancellationToken) is { } message)
                received.Add(message);
            states.Add(inbound.State);
        }

        // Answers to conversations that already have messages queued wait behind them; decided under the writer, so a
        // send that empties the queue meanwhile is either seen here or promotes these after them.
        var answers = received.Select(r => r.Reply).OfType<Message>().Where(m => m.AwaitsDelivery).ToList();
        await store.SaveProcessedAsync(context, () => context.Messages.QueueBehindPendingAsync(answers, cancellationToken), cancellationToken);
        await flow.AfterSaveAsync(received, cancellationToken);
        return states;
    }

    private Task<ReceivedMessage?> ActAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        switch (inbound.Kind)
        {
            case InboundEventKind.Message:
                return ReceiveMessageAsync(inbound, cancellationToken);
            case InboundEventKind.Status:
                return ApplyStatusAsync(inbound, cancellationToken);
            default:
                inbound.Ignore("An event of a shape we do not handle; kept for inspection.", time.GetUtcNow());
                return Task.FromResult<ReceivedMessage?>(null);
        }
    }

    private async Task<ReceivedMessage?> ReceiveMessageAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        var message = InboundMessageReader.ReadMessage(inbound.Channel, inbound.Payload);
        if (message is null)
        {
            inbound.Ignore("The event holds no customer message.", time.GetUtcNow());
            return null;
        }

        var bot = await BotAsync(inbound.ChannelConnectionId, cancellationToken);
        var contact = await ContactAsync(inbound, message, cancellationToken);
        inbound.Processed(time.GetUtcNow());
        return await flow.AddAsync(bot, contact, message.Content, message.Question, clientMessageId: null, message.ExternalMessageId, cancellationToken);
    }

    private async Task<Bot> BotAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(connectionId, out var connection))
            _connections[connectionId] = connection = await context.ChannelConnections.SingleAsync(c => c.Id == connectionId, cancellationToken);
        if (!_bots.TryGetValue(connection.BotId, out var bot))
            _bots[connection.BotId] = bot = await context.Bots.SingleAsync(b => b.Id == connection.BotId, cancellationToken);
        return bot;
    }

    // A contact added earlier in this scope is not in the database until the save.
    private async Task<Contact> ContactAsync(InboundEvent inbound, InboundMessage message, CancellationToken cancellationToken)
    {
        var channel = inbound.Channel;
        var externalId = Cut(message.ContactId, Contact.ExternalIdMaxLength);
        if (_contacts.TryGetValue((channel, externalId), out var contact))
            return contact;
        contact = await context.Contacts.SingleOrDefaultAsync(c => c.Channel == channel && c.ExternalId == externalId, cancellationToken);
        if (contact is null)
        {
            contact = Contact.Create(inbound.TenantId, channel, externalId, Cut(message.ContactName, Contact.DisplayNameMaxLength));
            context.Contacts.Add(contact);
        }

        _contacts[(channel, externalId)] = contact;
        return contact;
    }

    private async Task<ReceivedMessage?> ApplyStatusAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var report = InboundMessageReader.ReadStatus(inbound.Payload);
        var message = report is null ? null : await context.Messages.FirstOrDefaultAsync(
            m => m.ExternalMessageId == report.ExternalMessageId && m.Direction == MessageDirection.Outbound, cancellationToken);
        if (report is null)
            inbound.Ignore("A status we do not track.", now);
        else if (message is null)
            inbound.Ignore("No message of ours has this id.", now);
        else
        {
            message.StatusReported(report.Status, report.Error);
            inbound.Processed(now);
        }

        return null;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
