using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.ApiKeys.Queries.GetApiKeys;

/// <summary>The tenant's keys, newest first; only their prefixes are ever shown again.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetApiKeysQuery : IQuery<IReadOnlyList<ApiKeyDto>>;

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, IReadOnlyList<ApiKeyScope> Scopes, DateTimeOffset Created, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed class GetApiKeysQueryHandler(IApplicationDbContext context) : IQueryHandler<GetApiKeysQuery, IReadOnlyList<ApiKeyDto>>
{
    public async ValueTask<IReadOnlyList<ApiKeyDto>> Handle(GetApiKeysQuery query, CancellationToken cancellationToken)
    {
        var keys = await context.ApiKeys
            .AsNoTracking()
            .OrderByDescending(k => k.Created)
            .Select(k => new { k.Id, k.Name, k.Prefix, k.Scopes, k.Created, k.LastUsedAt, k.RevokedAt })
            .ToListAsync(cancellationToken);
        return keys.Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, k.Scopes.ToList(), k.Created, k.LastUsedAt, k.RevokedAt)).ToList();
    }
}
