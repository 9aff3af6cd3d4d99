using System.Security.Cryptography;
using System.Text;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>Webhook authentication: every comparison of a secret runs in constant time.</summary>
public static class WebhookSecrets
{
    public const string TelegramHeader = "X-Telegram-Bot-Api-Secret-Token";
    public const string MetaSignatureHeader = "X-Hub-Signature-256";
    private const string SignaturePrefix = "sha256=";

    public static bool SameSecret(string? expected, string? given) =>
        !string.IsNullOrEmpty(expected) && given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>Meta's <c>X-Hub-Signature-256</c>: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body with the app secret.</summary>
    public static bool HasValidSignature(string? appSecret, byte[] body, string? header)
    {
        if (string.IsNullOrEmpty(appSecret) || header is null || !header.StartsWith(SignaturePrefix, StringComparison.Ordinal))
            return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(SignaturePrefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body), given);
    }

    /// <summary>The header Meta would send for this body (used by tests and the load script).</summary>
    public static string Sign(string appSecret, byte[] body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));

    /// <summary>A live connection by its id, across tenants: the callback URL names the connection, not the tenant.</summary>
    public static Task<ChannelConnection?> LiveConnectionAsync(this IQueryable<ChannelConnection> connections, Channel channel, Guid connectionId, CancellationToken cancellationToken) =>
        connections.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == connectionId && c.Channel == channel && c.DisconnectedAt == null, cancellationToken);
}
