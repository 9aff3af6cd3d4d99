using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Inbound.Common;

/// <summary>A live connection with what verifies its webhooks (never its access token).</summary>
public sealed record WebhookConnection(ChannelConnection Connection, string? WebhookSecret, string? AppSecret, DateTimeOffset Until);

/// <summary>
/// Connections whose webhooks arrived recently, so a burst (Meta and Telegram deliver many at once, and redeliver)
/// does not read and decrypt the connection for every call. An entry lives <see cref="Lifetime"/> at most, so a
/// channel disconnected by another instance stops verifying within that time; in this instance
/// <see cref="Forget"/> stops it at once. A hit touches neither the database nor the key ring: the connection is read
/// (in a scope of its own) only on a miss.
/// </summary>
public sealed class WebhookConnectionCache(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, WebhookConnection> _connections = new();

    public async Task<WebhookConnection?> GetAsync(Channel channel, Guid connectionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_connections.TryGetValue(connectionId, out var cached) && cached.Until > now)
            return cached.Connection.Channel == channel ? cached : null;

        await using var scope = scopes.CreateAsyncScope();
        var connection = await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ChannelConnections
            .LiveConnectionAsync(channel, connectionId, cancellationToken);
        if (connection is null)
        {
            _connections.TryRemove(connectionId, out _);
            return null;
        }

        var credentials = scope.ServiceProvider.GetRequiredService<ISecretProtector>().UnprotectCredentials(connection);
        var fresh = new WebhookConnection(connection, credentials.WebhookSecret, credentials.AppSecret, now + Lifetime);
        _connections[connectionId] = fresh;
        return fresh;
    }

    /// <summary>For the disconnect (or a credentials change): the old secrets stop verifying now.</summary>
    public void Forget(Guid connectionId) => _connections.TryRemove(connectionId, out _);
}
