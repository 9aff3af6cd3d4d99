using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.Contacts.Queries.ExportContact;

/// <summary>
/// Everything the tenant holds about one end customer (the contact, their conversations and every message), for the
/// tenant to hand over when the customer asks for their data. Recorded as an answered privacy request.
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record ExportContactCommand(Guid Id) : ICommand<ContactExportDto>;

public sealed record ContactExportDto(DateTimeOffset ExportedAt, ExportedContactDto Contact, IReadOnlyList<ExportedConversationDto> Conversations);

public sealed record ExportedContactDto(Guid Id, Channel Channel, string ExternalId, string DisplayName, string? Notes,
    IReadOnlyDictionary<string, string> Attributes, DateTimeOffset FirstSeenAt);

public sealed record ExportedConversationDto(Guid Id, Guid BotId, string BotName, Channel Channel, ConversationStatus Status, IReadOnlyList<MessageDto> Messages);

public sealed class ExportContactCommandHandler(IApplicationDbContext context, PrivacyRequestRecorder privacyRequests, TimeProvider time)
    : ICommandHandler<ExportContactCommand, ContactExportDto>
{
    public async ValueTask<ContactExportDto> Handle(ExportContactCommand command, CancellationToken cancellationToken)
    {
        // The tenant filter makes another tenant's contact as absent as one that never existed.
        var contact = await context.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such contact.");
        var conversations = await (
                from c in context.Conversations.AsNoTracking()
                join b in context.Bots on c.BotId equals b.Id
                where c.ContactId == contact.Id
                orderby c.LastMessageAt
                select new { c.Id, c.BotId, BotName = b.Name, c.Channel, c.Status })
            .ToListAsync(cancellationToken);
        var conversationIds = conversations.Select(c => c.Id).ToList();
        var messages = (await context.Messages.AsNoTracking()
                .Where(m => conversationIds.Contains(m.ConversationId))
                .OrderBy(m => m.SentAt)
                .ProjectToDto()
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.ConversationId);

        var now = time.GetUtcNow();
        privacyRequests.RecordAnswered(PrivacyRequestKind.ContactExport, $"Export of contact {contact.Id} ({contact.Channel})",
            $"Exported {conversations.Count} conversations and {messages.Sum(g => g.Count())} messages.");
        await context.SaveChangesAsync(cancellationToken);

        return new ContactExportDto(
            now,
            new ExportedContactDto(contact.Id, contact.Channel, contact.ExternalId, contact.DisplayName, contact.Notes, contact.Attributes, contact.Created),
            conversations.Select(c => new ExportedConversationDto(c.Id, c.BotId, c.BotName, c.Channel, c.Status, messages[c.Id].ToList())).ToList());
    }
}
