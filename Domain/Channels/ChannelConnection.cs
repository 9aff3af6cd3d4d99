using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Channels;

/// <summary>
/// A bot's link to one messaging account: a Telegram bot, a WhatsApp Business phone number or an Instagram professional
/// account. The credentials (tokens, app secret, webhook secrets) are one encrypted envelope bound to this row's id.
/// </summary>
public sealed class ChannelConnection : TenantOwnedEntity
{
    public const int AccountIdMaxLength = 64;
    public const int DisplayNameMaxLength = 200;
    public const int ErrorMaxLength = 500;

    private ChannelConnection(Guid botId, Channel channel, string accountId, string displayName, string encryptedCredentials)
    {
        BotId = botId;
        Channel = channel;
        AccountId = accountId;
        DisplayName = displayName;
        EncryptedCredentials = encryptedCredentials;
    }

    public Guid BotId { get; private set; }

    public Channel Channel { get; private set; }

    /// <summary>The provider's id of our side: Telegram bot user id, WhatsApp phone_number_id, Instagram account id.</summary>
    public string AccountId { get; private set; }

    /// <summary>What the owner recognises: @username, the display phone number, the Instagram username.</summary>
    public string DisplayName { get; private set; }

    /// <summary>WhatsApp Business Account id (WhatsApp only).</summary>
    public string? BusinessAccountId { get; private set; }

    public string EncryptedCredentials { get; private set; }

    public DateTimeOffset ConnectedAt { get; private set; }

    public DateTimeOffset? DisconnectedAt { get; private set; }

    public bool IsConnected => DisconnectedAt is null;

    public DateTimeOffset? LastInboundAt { get; private set; }

    public DateTimeOffset? LastOutboundAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>
    /// Creates the row; <paramref name="encrypt"/> receives the row's own id (the associated data) and returns the
    /// encrypted credentials, so the ciphertext is bound to this row from the start.
    /// </summary>
    public static ChannelConnection Connect(Bot bot, Channel channel, string accountId, string displayName, string? businessAccountId,
        Func<Guid, string> encrypt, DateTimeOffset at)
    {
        if (channel == Channel.Widget)
            throw new DomainRuleViolationException("The web widget needs no connection.");
        if (string.IsNullOrWhiteSpace(accountId))
            throw new DomainRuleViolationException("The account id is required.");

        var connection = new ChannelConnection(bot.Id, channel, accountId.Trim(), Truncate(displayName, DisplayNameMaxLength), string.Empty)
        {
            BusinessAccountId = string.IsNullOrWhiteSpace(businessAccountId) ? null : businessAccountId.Trim(),
            ConnectedAt = at,
        };
        connection.AssignTenant(bot.TenantId);
        connection.EncryptedCredentials = encrypt(connection.Id);
        return connection;
    }

    public void ReplaceEncryptedCredentials(string encryptedCredentials) => EncryptedCredentials = encryptedCredentials;

    /// <summary>The credentials are deleted, not just flagged: a disconnected channel can neither send nor verify.</summary>
    public void Disconnect(DateTimeOffset at)
    {
        DisconnectedAt ??= at;
        EncryptedCredentials = string.Empty;
    }

    public void Rename(string displayName) => DisplayName = Truncate(displayName, DisplayNameMaxLength);

    public void InboundReceived(DateTimeOffset at)
    {
        if (LastInboundAt is null || at > LastInboundAt)
            LastInboundAt = at;
    }

    public void OutboundSucceeded(DateTimeOffset at)
    {
        if (LastOutboundAt is null || at > LastOutboundAt)
            LastOutboundAt = at;
    }

    /// <summary>The owner's check reached the provider: the last error is behind them, so health shows none.</summary>
    public void CheckSucceeded()
    {
        LastError = null;
        LastErrorAt = null;
    }

    public void ErrorOccurred(string error, DateTimeOffset at)
    {
        LastError = Truncate(error, ErrorMaxLength);
        LastErrorAt = at;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
