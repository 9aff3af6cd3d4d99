using System.Security.Claims;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.WebApi.Services;

internal sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => httpContextAccessor.HttpContext?.User;

    public string? Id => Principal?.FindFirstValue(ClaimTypes.NameIdentifier);

    public Guid? UserId => GuidClaim(ClaimTypes.NameIdentifier);

    public Guid? TenantId => GuidClaim(VirtuOpsClaimTypes.TenantId);

    public Guid? SessionId => GuidClaim(VirtuOpsClaimTypes.SessionId);

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated ?? false;

    public bool IsInRole(string role) => Principal?.IsInRole(role) ?? false;

    private Guid? GuidClaim(string type) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(type), out var value) ? value : null;
}

internal sealed class ClientInfo(IHttpContextAccessor httpContextAccessor) : IClientInfo
{
    public string? IpAddress => httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? UserAgent => httpContextAccessor.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;
}
