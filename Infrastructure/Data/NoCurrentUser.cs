using VirtuOps.Application.Common.Interfaces;

namespace VirtuOps.Infrastructure.Data;

/// <summary>The caller outside any request (design-time tooling, start-up seeding): anonymous, no tenant.</summary>
public sealed class NoCurrentUser : ICurrentUser
{
    public static readonly NoCurrentUser Instance = new();

    public string? Id => null;

    public Guid? UserId => null;

    public Guid? TenantId => null;

    public Guid? SessionId => null;

    public bool IsAuthenticated => false;

    public bool IsInRole(string role) => false;
}
