using VirtuOps.Application.Bots.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Bots.Queries.GetBot;

[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetBotQuery(Guid Id) : IQuery<BotDto>;

public sealed class GetBotQueryHandler(IApplicationDbContext context) : IQueryHandler<GetBotQuery, BotDto>
{
    public async ValueTask<BotDto> Handle(GetBotQuery query, CancellationToken cancellationToken) =>
        (await context.Bots.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.Id, cancellationToken) ?? throw new NotFoundException("No such bot.")).ToDto();
}
