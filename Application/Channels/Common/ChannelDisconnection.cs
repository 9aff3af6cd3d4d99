using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Common;

/// <summary>
/// The one way a channel is disconnected, by the owner or by an erasure: the provider is told to stop sending us the
/// channel's webhooks first (Telegram's webhook removed; Meta's app subscription of the WhatsApp Business Account or
/// Instagram account dropped), as far as it lets us (a failure is recorded rather than keeping the connection alive),
/// then the credentials are deleted.
/// </summary>
public sealed class ChannelDisconnection(
    IApplicationDbContext context,
    ITelegramBotApi telegram,
    IMetaGraphApi meta,
    ISecretProtector secrets,
    WebhookConnectionCache webhookConnections,
    TimeProvider time,
    ILogger<ChannelDisconnection> logger)
{
    public async Task DisconnectAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        if (!connection.IsConnected)
            return;

        try
        {
            await StopWebhooksAsync(connection, cancellationToken);
        }
        catch (ChannelApiException ex)
        {
            logger.LogWarning("{Channel} did not stop the webhooks of connection {ConnectionId} ({Failure}); disconnecting anyway",
                connection.Channel, connection.Id, ex.Failure);
            connection.ErrorOccurred($"The webhooks could not be stopped at {connection.Channel}: {ex.Message}", time.GetUtcNow());
        }

        connection.Disconnect(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        // This instance stops accepting the channel's webhooks at once (other instances within the cache's lifetime).
        webhookConnections.Forget(connection.Id);
    }

    private async Task StopWebhooksAsync(ChannelConnection connection, CancellationToken cancellationToken)
    {
        switch (connection.Channel)
        {
            case Channel.Telegram:
                await telegram.DeleteWebhookAsync(AccessToken(connection), cancellationToken);
                break;
            // The subscription belongs to the whole business account: it stays while another of its numbers is connected.
            case Channel.WhatsApp when connection.BusinessAccountId is { } businessAccountId
                && !await context.ChannelConnections.IgnoreQueryFilters().AnyAsync(c => c.Id != connection.Id
                    && c.Channel == Channel.WhatsApp && c.BusinessAccountId == businessAccountId && c.DisconnectedAt == null, cancellationToken):
                await meta.UnsubscribeAppAsync(businessAccountId, AccessToken(connection), cancellationToken);
                break;
            case Channel.Instagram:
                await meta.UnsubscribeAppAsync(connection.AccountId, AccessToken(connection), cancellationToken);
                break;
        }
    }

    private string AccessToken(ChannelConnection connection) => secrets.UnprotectCredentials(connection).AccessToken;
}
