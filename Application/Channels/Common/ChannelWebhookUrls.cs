using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Common;

/// <summary>
/// Each connection has its own callback URL, so the webhook knows which secret checks the signature before it
/// parses anything: <c>/webhooks/{telegram|whatsapp|instagram}/{connectionId}</c>.
/// </summary>
public sealed class ChannelWebhookUrls(IOptions<AppLinksOptions> links)
{
    public static string PathFor(Channel channel, Guid connectionId) => $"/webhooks/{channel.ToString().ToLowerInvariant()}/{connectionId}";

    public Uri For(Channel channel, Guid connectionId) => links.Value.Link(PathFor(channel, connectionId));
}
