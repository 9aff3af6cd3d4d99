using VirtuOps.Domain.Common;

namespace VirtuOps.Domain.Conversations;

/// <summary>An end-customer as one channel knows them (a widget visitor, a Telegram user, a WhatsApp number).</summary>
public sealed class Contact : TenantOwnedEntity
{
    public const int ExternalIdMaxLength = 128;
    public const int DisplayNameMaxLength = 200;
    public const int NotesMaxLength = 2000;
    public const int MaxAttributes = 20;
    public const int AttributeKeyMaxLength = 64;
    public const int AttributeValueMaxLength = 500;

    private Contact(Channel channel, string externalId, string displayName)
    {
        Channel = channel;
        ExternalId = externalId;
        DisplayName = displayName;
    }

    public Channel Channel { get; private set; }

    public string ExternalId { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>The tenant's own notes about the customer (staff or their CRM write them; the customer never sees them).</summary>
    public string? Notes { get; private set; }

    /// <summary>The tenant's own fields (a CRM id, a loyalty tier): short key/value strings.</summary>
    public Dictionary<string, string> Attributes { get; private set; } = [];

    public static Contact Create(Guid tenantId, Channel channel, string externalId, string displayName)
    {
        var contact = new Contact(channel, externalId, displayName);
        contact.AssignTenant(tenantId);
        return contact;
    }

    /// <summary>Replaces what the tenant keeps about the customer; the channel and its id stay as the channel gave them.</summary>
    public void Update(string displayName, string? notes, IReadOnlyDictionary<string, string> attributes)
    {
        DisplayName = displayName.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        Attributes = new Dictionary<string, string>(attributes);
    }
}
