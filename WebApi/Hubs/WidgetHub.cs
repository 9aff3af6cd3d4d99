using Microsoft.AspNetCore.SignalR;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.Widget.Common;

namespace VirtuOps.WebApi.Hubs;

/// <summary>
/// Live replies for a website visitor: after <see cref="Join"/>, agent replies (and bot replies) arrive as they are
/// written. The same widget key and origin rules as the REST endpoints apply.
/// </summary>
public sealed class WidgetHub(WidgetAccess access) : Hub
{
    public const string Path = "/hubs/widget";

    public static string VisitorGroup(Guid botId, string visitorId) => $"widget:{botId}:{visitorId}";

    public async Task Join(string widgetKey, string visitorId)
    {
        if (!Guid.TryParse(visitorId, out _))
            throw new HubException("Unknown visitor.");
        try
        {
            var bot = await access.OpenAsync(widgetKey, WidgetOrigin.Of(Context.GetHttpContext()!), Context.ConnectionAborted);
            await Groups.AddToGroupAsync(Context.ConnectionId, VisitorGroup(bot.Id, visitorId));
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenAccessException)
        {
            throw new HubException(ex.Message);
        }
    }
}
