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

[Authorize(RequireVerifiedPhone = true)]
public sealed record VerifiedPhoneOnlyCommand : ICommand<string>;

internal sealed class FakeAccountStatus(params Guid[] verifiedUsers) : IAccountStatus
{
    public Task<bool> IsPhoneVerifiedAsync(Guid userId, CancellationToken cancellationToken) =>
        Task.FromResult(verifiedUsers.Contains(userId));
}

internal sealed class FakeCurrentUser(string? id, params string[] roles) : ICurrentUser
{
    public static FakeCurrentUser Anonymous => new(null);

    public string? Id => id;

    public Guid? UserId => Guid.TryParse(id, out var userId) ? userId : null;

    public Guid? TenantId => null;

    public Guid? SessionId => null;

    public bool IsAuthenticated => id is not null;

    public bool IsInRole(string role) => roles.Contains(role);
}
