using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Contacts.Common;

public sealed record ContactDto(
    Guid Id,
    Channel Channel,
    string ExternalId,
    string DisplayName,
    string? Notes,
    IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset FirstSeenAt);

public static class ContactProjections
{
    public static IQueryable<ContactDto> ProjectToDto(this IQueryable<Contact> contacts) =>
        contacts.Select(c => new ContactDto(c.Id, c.Channel, c.ExternalId, c.DisplayName, c.Notes, c.Attributes, c.Created));

    public static ContactDto ToDto(this Contact contact) =>
        new(contact.Id, contact.Channel, contact.ExternalId, contact.DisplayName, contact.Notes, contact.Attributes, contact.Created);
}
