using System.Text.Json;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.Contacts.Commands.EraseContact;

/// <summary>
/// Erases one end customer at their request: the contact, their conversations and messages, the stored webhook
/// payloads that name them and the outgoing webhook events about them. Their next message starts a new contact. Recorded as an answered privacy request (which
/// keeps no personal data of the customer). Each step deletes what is left, so a second call after a crash finishes
/// the job.
/// </summary>
// Irreversible, so the owner's decision, like the tenant's other settings of personal data.
// Allowed while restricted: a customer's erasure is their right, which the tenant's restriction does not suspend.
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record EraseContactCommand(Guid Id) : ICommand;

public sealed class EraseContactCommandHandler(IApplicationDbContext context, PrivacyRequestRecorder privacyRequests)
    : ICommandHandler<EraseContactCommand>
{
    public async ValueTask<Unit> Handle(EraseContactCommand command, CancellationToken cancellationToken)
    {
        var contact = await context.Contacts.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such contact.");

        var payloads = await NamingPayloadIdsAsync(contact.Channel, contact.ExternalId, cancellationToken);
        var events = await context.InboundEvents.Where(e => payloads.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        var conversationIds = await context.Conversations.Where(c => c.ContactId == contact.Id).Select(c => c.Id).ToListAsync(cancellationToken);
        // Outgoing webhook events are copies of the contact, their conversations and messages (ordered by those ids):
        // queued ones must not reach the integrator any more, and the delivery log must not keep them.
        var copies = await context.WebhookDeliveries
            .Where(d => d.OrderingKey == contact.Id || (d.OrderingKey != null && conversationIds.Contains(d.OrderingKey.Value)))
            .ExecuteDeleteAsync(cancellationToken);
        var messages = await context.Messages.Where(m => conversationIds.Contains(m.ConversationId)).ExecuteDeleteAsync(cancellationToken);
        await context.Conversations.Where(c => c.ContactId == contact.Id).ExecuteDeleteAsync(cancellationToken);

        context.Contacts.Remove(contact);
        privacyRequests.RecordAnswered(PrivacyRequestKind.ContactErasure, $"Erasure of contact {contact.Id} ({contact.Channel})",
            $"Erased the contact, {conversationIds.Count} conversations, {messages} messages, {events} stored webhook payloads and {copies} outgoing webhook events.");
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>
    /// The tenant's stored webhook events of that channel whose JSON holds the contact's channel id as a whole value
    /// (sender, chat or recipient): a text search narrows them down, reading the JSON rules out an id that is only part
    /// of a longer number or text.
    /// </summary>
    private async Task<List<Guid>> NamingPayloadIdsAsync(Domain.Conversations.Channel channel, string externalId, CancellationToken cancellationToken)
    {
        var candidates = await context.InboundEvents.AsNoTracking()
            .Where(e => e.Channel == channel && e.Payload.Contains(externalId))
            .Select(e => new { e.Id, e.Payload })
            .ToListAsync(cancellationToken);
        return candidates.Where(e => Names(e.Payload, externalId)).Select(e => e.Id).ToList();
    }

    private static bool Names(string payload, string externalId)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return HasValue(document.RootElement, externalId);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasValue(JsonElement element, string value) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => HasValue(p.Value, value)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => HasValue(e, value)),
        JsonValueKind.String => element.GetString() == value,
        JsonValueKind.Number => element.GetRawText() == value,
        _ => false,
    };
}
