using System.Text.Json;
using VirtuOps.Domain.Channels;

namespace VirtuOps.Application.Channels.Common;

/// <summary>
/// Everything secret about one channel connection, kept as one encrypted envelope bound to the connection's id.
/// Telegram: <see cref="AccessToken"/> is the bot token and <see cref="WebhookSecret"/> the <c>secret_token</c> Telegram
/// echoes on every update. WhatsApp and Instagram: the access token, the Meta app secret (signs every webhook) and
/// the verify token the owner pastes into Meta's dashboard for the <c>hub.challenge</c> handshake.
/// </summary>
public sealed record ChannelCredentials(string AccessToken, string? AppSecret = null, string? WebhookSecret = null, string? VerifyToken = null)
{
    // The tokens must never reach a log through a record's generated ToString.
    public override string ToString() => nameof(ChannelCredentials);
}

public static class ChannelCredentialsProtection
{
    public static string ProtectCredentials(this ISecretProtector protector, ChannelCredentials credentials, Guid connectionId) =>
        protector.Protect(JsonSerializer.Serialize(credentials), connectionId.ToString());

    /// <summary>Throws when the connection is disconnected (its credentials are deleted) or the envelope was tampered with.</summary>
    public static ChannelCredentials UnprotectCredentials(this ISecretProtector protector, ChannelConnection connection)
    {
        if (!connection.IsConnected || connection.EncryptedCredentials.Length == 0)
            throw new InvalidOperationException("The channel is disconnected; its credentials are deleted.");
        return JsonSerializer.Deserialize<ChannelCredentials>(protector.Unprotect(connection.EncryptedCredentials, connection.Id.ToString()))
            ?? throw new InvalidOperationException("The channel's credentials are unreadable.");
    }
}
