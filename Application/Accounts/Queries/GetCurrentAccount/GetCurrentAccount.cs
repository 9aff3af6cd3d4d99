namespace VirtuOps.Application.Accounts.Queries.GetCurrentAccount;

/// <summary>Who is signed in, for the SPA's shell and profile pages.</summary>
[Authorize]
public sealed record GetCurrentAccountQuery : IQuery<CurrentAccountDto>;

public sealed record CurrentAccountDto(
    Guid UserId,
    string FullName,
    string Email,
    string? PhoneNumber,
    bool PhoneNumberConfirmed,
    bool TwoFactorEnabled,
    Guid? TenantId,
    string? TenantName,
    IReadOnlyList<string> Roles);

public sealed class GetCurrentAccountQueryHandler(ICurrentUser currentUser, IIdentityService identity, IApplicationDbContext context)
    : IQueryHandler<GetCurrentAccountQuery, CurrentAccountDto>
{
    public async ValueTask<CurrentAccountDto> Handle(GetCurrentAccountQuery query, CancellationToken cancellationToken)
    {
        var user = await identity.FindByIdAsync(currentUser.UserId ?? throw new SignInRequiredException(), cancellationToken)
            ?? throw new SignInRequiredException();
        var tenantName = user.TenantId is { } tenantId
            ? await context.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new CurrentAccountDto(user.Id, user.FullName, user.Email, user.PhoneNumber, user.PhoneNumberConfirmed,
            user.TwoFactorEnabled, user.TenantId, tenantName, user.Roles);
    }
}
