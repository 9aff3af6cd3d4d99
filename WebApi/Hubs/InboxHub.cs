using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.WebApi.Hubs;

/// <summary>Live inbox for a tenant's owner and agents: every new message and status change of their conversations.</summary>
[Authorize]
public sealed class InboxHub(ICurrentUser currentUser) : Hub
{
    public const string Path = "/hubs/inbox";

    public static string TenantGroup(Guid tenantId) => $"tenant:{tenantId}";

    public override async Task OnConnectedAsync()
    {
        if (currentUser.TenantId is not { } tenantId || currentUser.UserId is null)
        {
            Context.Abort();
            return;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, TenantGroup(tenantId));
        await base.OnConnectedAsync();
    }
}
