using VirtuOps.Application.Billing.Usage;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Billing.Queries.GetUsage;

/// <summary>The usage meter: the tenant's bots, live channels and this month's answers against its plan's limits.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetUsageQuery : IQuery<UsageDto>;

/// <summary>One limit: how much is used of how much the plan allows.</summary>
public sealed record UsageMeterDto(int Used, int Limit);

/// <summary>
/// <see cref="Messages"/> counts the bot's answers (see <see cref="AnswerMeter"/>) from <see cref="PeriodStart"/> to
/// <see cref="PeriodEnd"/>, the calendar month (UTC) the count is kept for.
/// </summary>
public sealed record UsageDto(string PlanCode, string PlanName, UsageMeterDto Bots, UsageMeterDto Channels, UsageMeterDto Messages,
    DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd);

public sealed class GetUsageQueryHandler(IApplicationDbContext context, TenantPlans plans, TimeProvider time) : IQueryHandler<GetUsageQuery, UsageDto>
{
    public async ValueTask<UsageDto> Handle(GetUsageQuery query, CancellationToken cancellationToken)
    {
        var plan = await plans.CurrentAsync(cancellationToken);
        var periodStart = MessageUsage.MonthStart(time.GetUtcNow());
        var month = MessageUsage.MonthOf(periodStart);
        var bots = await context.Bots.CountAsync(cancellationToken);
        var channels = await context.ChannelConnections.CountAsync(c => c.DisconnectedAt == null, cancellationToken);
        var answers = await context.MessageUsages.Where(u => u.Month == month).Select(u => u.Answers).SingleOrDefaultAsync(cancellationToken);
        return new UsageDto(plan.Code, plan.Name, new UsageMeterDto(bots, plan.MaxBots), new UsageMeterDto(channels, plan.MaxChannels),
            new UsageMeterDto(answers, plan.MaxMessagesPerMonth), periodStart, periodStart.AddMonths(1));
    }
}
