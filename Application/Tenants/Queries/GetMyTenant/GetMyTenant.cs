using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Tenants.Queries.GetMyTenant;

/// <summary>The caller's tenant: for the SPA, and for integrators checking which account their API key belongs to.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent + "," + Roles.ApiRead)]
public sealed record GetMyTenantQuery : IQuery<TenantDto>;

public sealed record TenantDto(Guid Id, string Name, DateTimeOffset Created, int? MessageRetentionDays);

public sealed class GetMyTenantQueryHandler(ICurrentUser currentUser, IApplicationDbContext context) : IQueryHandler<GetMyTenantQuery, TenantDto>
{
    public async ValueTask<TenantDto> Handle(GetMyTenantQuery query, CancellationToken cancellationToken) =>
        await context.Tenants
            .AsNoTracking()
            .Where(t => t.Id == currentUser.TenantId)
            .Select(t => new TenantDto(t.Id, t.Name, t.Created, t.MessageRetentionDays))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("No tenant.");
}
