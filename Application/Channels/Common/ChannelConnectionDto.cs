using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Common;

/// <summary>
/// A channel connection as the owner sees it. <see cref="CallbackUrl"/> and, for WhatsApp and Instagram,
/// <see cref="VerifyToken"/> are what the owner pastes into Meta's dashboard; no access token or app secret is ever returned.
/// </summary>
public sealed record ChannelConnectionDto(
    Guid Id,
    Guid BotId,
    Channel Channel,
    string DisplayName,
    string AccountId,
    string? BusinessAccountId,
    bool IsConnected,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? LastInboundAt,
    DateTimeOffset? LastOutboundAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    Uri CallbackUrl,
    string? VerifyToken);

/// <summary>The outcome of checking a connection against its provider again.</summary>
public sealed record ChannelTestResultDto(bool Ok, string Message, DateTimeOffset CheckedAt);

public static class ChannelConnectionMapping
{
    public static ChannelConnectionDto ToDto(this ChannelConnection connection, ChannelWebhookUrls urls, ISecretProtector secrets)
    {
        // Meta's verify token is only needed to set up the webhook in Meta's dashboard; Telegram has none to show.
        var verifyToken = connection is { IsConnected: true, Channel: Channel.WhatsApp or Channel.Instagram }
            ? secrets.UnprotectCredentials(connection).VerifyToken
            : null;
        return new ChannelConnectionDto(connection.Id, connection.BotId, connection.Channel, connection.DisplayName, connection.AccountId,
            connection.BusinessAccountId, connection.IsConnected, connection.ConnectedAt, connection.LastInboundAt, connection.LastOutboundAt,
            connection.LastError, connection.LastErrorAt, urls.For(connection.Channel, connection.Id), verifyToken);
    }
}
