using VirtuOps.Application.Bots.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Queries.GetBots;

[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetBotsQuery : IQuery<IReadOnlyList<BotDto>>;

public sealed class GetBotsQueryHandler(IApplicationDbContext context) : IQueryHandler<GetBotsQuery, IReadOnlyList<BotDto>>
{
    public async ValueTask<IReadOnlyList<BotDto>> Handle(GetBotsQuery query, CancellationToken cancellationToken)
    {
        var bots = await context.Bots.AsNoTracking().OrderBy(b => b.Name).ToListAsync(cancellationToken);
        return bots.Select(b => b.ToDto()).ToList();
    }
}
