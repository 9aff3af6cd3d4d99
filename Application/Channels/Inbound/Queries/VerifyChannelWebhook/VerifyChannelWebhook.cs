using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Inbound.Queries.VerifyChannelWebhook;

/// <summary>
/// Meta's subscription handshake (<c>hub.mode=subscribe&amp;hub.verify_token=..&amp;hub.challenge=..</c>): answers the
/// challenge when the verify token is this connection's, otherwise null.
/// </summary>
public sealed record VerifyChannelWebhookQuery(Channel Channel, Guid ConnectionId, string? Mode, string? VerifyToken, string? Challenge) : IQuery<string?>;

public sealed class VerifyChannelWebhookQueryHandler(IApplicationDbContext context, ISecretProtector secrets)
    : IQueryHandler<VerifyChannelWebhookQuery, string?>
{
    public async ValueTask<string?> Handle(VerifyChannelWebhookQuery query, CancellationToken cancellationToken)
    {
        var connection = await context.ChannelConnections.LiveConnectionAsync(query.Channel, query.ConnectionId, cancellationToken)
            ?? throw new NotFoundException("Unknown or disconnected channel.");
        var credentials = secrets.UnprotectCredentials(connection);
        return query.Mode == "subscribe" && query.Challenge is not null && WebhookSecrets.SameSecret(credentials.VerifyToken, query.VerifyToken)
            ? query.Challenge
            : null;
    }
}
