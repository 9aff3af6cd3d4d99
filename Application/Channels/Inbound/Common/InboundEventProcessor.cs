using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>
/// Acts on one stored webhook event, inside its tenant's scope. The event's new state is saved in the same
/// SaveChanges as its effects (the customer's message and the bot's queued answer, or a delivery status), so a
/// crash before that save leaves it Pending with nothing done, and running it again does it once.
/// </summary>
public sealed class InboundEventProcessor(IApplicationDbContext context, ConversationFlow flow, IOutboundDeliverySignal delivery, TimeProvider time)
{
    public async Task<InboundEventState> ProcessAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var inbound = await context.InboundEvents.SingleAsync(e => e.Id == eventId, cancellationToken);
        if (inbound.State != InboundEventState.Pending)
            return inbound.State;

        switch (inbound.Kind)
        {
            case InboundEventKind.Message:
                await ReceiveMessageAsync(inbound, cancellationToken);
                break;
            case InboundEventKind.Status:
                await ApplyStatusAsync(inbound, cancellationToken);
                break;
            default:
                inbound.Ignore("An event of a shape we do not handle; kept for inspection.", time.GetUtcNow());
                await context.SaveChangesAsync(cancellationToken);
                break;
        }

        return inbound.State;
    }

    private async Task ReceiveMessageAsync(InboundEvent inbound, CancellationToken cancellationToken)
    {
        var message = InboundMessageReader.ReadMessage(inbound.Channel, inbound.Payload);
        if (message is null)
        {
            inbound.Ignore("The event holds no customer message.", time.GetUtcNow());
            await context.SaveChangesAsync(cancellationToken);
            return;
        }

        var connection = await context.ChannelConnections.SingleAsync(c => c.Id == inbound.ChannelConnectionId, cancellationToken);
        var bot = await context.Bots.SingleAsync(b => b.Id == connection.BotId, cancellationToken);
        var contact = await ContactAsync(inbound, message, cancellationToken);

        inbound.Processed(time.GetUtcNow()); // saved by the flow, with the message and the answer
        var result = await flow.ReceiveAsync(bot, contact, message.Content, message.Question, clientMessageId: null, message.ExternalMessageId, cancellationToken);
        if (result.Reply is not null)
            delivery.MessagesQueued();
    }

    private async Task<Contact> ContactAsync(InboundEvent inbound, InboundMessage message, CancellationToken cancellationToken)
    {
        var channel = inbound.Channel;
        var externalId = Cut(message.ContactId, Contact.ExternalIdMaxLength);
        var contact = await context.Contacts.SingleOrDefaultAsync(c => c.Channel == channel && c.ExternalId == externalId, cancellationToken);
        if (contact is not null)
            return contact;
        contact = Contact.Create(inbound.TenantId, channel, externalId, Cut(message.ContactName, Contact.DisplayNameMaxLength));
        context.Contacts.Add(contact);
        return contact;
    }

    private async Task ApplyStatusAsync(InboundEvent inbound, CancellationToken cancellationToken)
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

        await context.SaveChangesAsync(cancellationToken);
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
