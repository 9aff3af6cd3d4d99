using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Common;

/// <summary>
/// The one way a channel is disconnected, by the owner or by an erasure: Telegram's webhook is removed first, as far
/// as Telegram lets us (a failure is recorded rather than keeping the connection alive), then the credentials are
/// deleted. For Meta the owner removes the webhook in Meta's dashboard; until then its deliveries are refused (404).
/// </summary>
public sealed class ChannelDisconnection(
    IApplicationDbContext context,
    ITelegramBotApi telegram,
    ISecretProtector secrets,
    WebhookConnectionCache webhookConnections,
    TimeProvider time,
    ILogger<ChannelDisconnection> logger)
{
    public async Task DisconnectAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
            return;

        if (connection.Channel == Channel.Telegram)
        {
            try
            {
                await telegram.DeleteWebhookAsync(secrets.UnprotectCredentials(connection).AccessToken, cancellationToken);
            }
            catch (ChannelApiException ex)
            {
                logger.LogWarning("Telegram did not remove the webhook of connection {ConnectionId} ({Failure}); disconnecting anyway", connection.Id, ex.Failure);
                connection.ErrorOccurred($"The webhook could not be removed at Telegram: {ex.Message}", time.GetUtcNow());
            }
        }

        connection.Disconnect(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        // This instance stops accepting the channel's webhooks at once (other instances within the cache's lifetime).
        webhookConnections.Forget(connection.Id);
    }
}
