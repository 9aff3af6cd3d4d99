using Mediator;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Common.Security;
using VirtuOps.Domain.Common;

namespace Application.UnitTests.Common.Behaviours;

public sealed record OpenQuery : IQuery<string>;

[Authorize]
public sealed record SignedInQuery : IQuery<string>;

[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record StaffQuery : IQuery<string>;

[Authorize(Roles = Roles.Owner + "," + Roles.ApiRead)]
public sealed record TenantReadQuery : IQuery<string>;

[Authorize(Roles = Roles.Owner + "," + Roles.Agent, RequireVerifiedPhone = true)]
public sealed record StaffCommand : ICommand<string>;

[Authorize(RequireVerifiedPhone = true)]
public sealed record VerifiedPhoneOnlyCommand : ICommand<string>;

/// <summary>Verified: these users, and the owners of tenants with these ids.</summary>
internal sealed class FakeAccountStatus(params Guid[] verifiedUsers) : IAccountStatus
{
    public Task<bool> IsPhoneVerifiedAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(verifiedUsers.Contains(userId));

    public Task<bool> IsOwnerPhoneVerifiedAsync(Guid tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(verifiedUsers.Contains(tenantId));
}

internal sealed class FakeCurrentUser(string? id, params string[] roles) : ICurrentUser
{
    public FakeCurrentUser(string? id, Guid tenantId, params string[] roles) : this(id, roles) => TenantId = tenantId;

    public static FakeCurrentUser Anonymous => new(null);

    public string? Id => id;

    public Guid? UserId => Guid.TryParse(id, out var userId) ? userId : null;

    public Guid? TenantId { get; }

    public Guid? SessionId => null;

    public bool IsAuthenticated => id is not null;

    public bool IsInRole(string role) => roles.Contains(role);
}
