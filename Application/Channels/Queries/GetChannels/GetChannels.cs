using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Channels.Queries.GetChannels;

/// <summary>A bot's live channel connections with their health, callback URL and (Meta) verify token.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetChannelsQuery(Guid BotId) : IQuery<IReadOnlyList<ChannelConnectionDto>>;

public sealed class GetChannelsQueryHandler(IApplicationDbContext context, ChannelWebhookUrls urls, ISecretProtector secrets)
    : IQueryHandler<GetChannelsQuery, IReadOnlyList<ChannelConnectionDto>>
{
    public async ValueTask<IReadOnlyList<ChannelConnectionDto>> Handle(GetChannelsQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Bots.AnyAsync(b => b.Id == query.BotId, cancellationToken))
            throw new NotFoundException("No such bot.");

        // Materialised, not projected: the verify token is decrypted in memory. Sorted there too, in the enum's
        // order (Telegram, WhatsApp, Instagram): the column holds the name.
        var connections = await context.ChannelConnections.AsNoTracking()
            .Where(c => c.BotId == query.BotId && c.DisconnectedAt == null)
            .ToListAsync(cancellationToken);
        return connections.OrderBy(c => c.Channel).Select(c => c.ToDto(urls, secrets)).ToList();
    }
}
