using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Conversations;

/// <summary>An end-customer as one channel knows them (a widget visitor, a Telegram user, a WhatsApp number).</summary>
public sealed class Contact : TenantOwnedEntity
{
    public const int ExternalIdMaxLength = 128;
    public const int DisplayNameMaxLength = 200;

    private Contact(Channel channel, string externalId, string displayName)
    {
        Channel = channel;
        ExternalId = externalId;
        DisplayName = displayName;
    }

    public Channel Channel { get; private set; }

    public string ExternalId { get; private set; }

    public string DisplayName { get; private set; }

    public static Contact Create(Guid tenantId, Channel channel, string externalId, string displayName)
    {
        var contact = new Contact(channel, externalId, displayName);
        contact.AssignTenant(tenantId);
        return contact;
    }
}
