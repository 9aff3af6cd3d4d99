using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Commands.DisconnectChannel;

/// <summary>
/// Disconnects a channel and deletes its credentials. Telegram's webhook is removed first, as far as Telegram lets us:
/// the owner asked to disconnect, so a Telegram failure is recorded rather than keeping the connection alive.
/// For Meta the owner removes the webhook in Meta's dashboard; until then its deliveries are refused (404).
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record DisconnectChannelCommand(Guid Id) : ICommand;

public sealed class DisconnectChannelCommandHandler(
    IApplicationDbContext context,
    ITelegramBotApi telegram,
    ISecretProtector secrets,
    WebhookConnectionCache webhookConnections,
    TimeProvider time,
    ILogger<DisconnectChannelCommandHandler> logger) : ICommandHandler<DisconnectChannelCommand>
{
    public async ValueTask<Unit> Handle(DisconnectChannelCommand command, CancellationToken cancellationToken)
    {
        var connection = await context.ChannelConnections.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such channel connection.");
        if (!connection.IsConnected)
            return Unit.Value;

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
        return Unit.Value;
    }
}
