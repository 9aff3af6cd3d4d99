using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Billing.PlanChanges;

/// <summary>A limit the tenant's usage exceeds on the plan chosen: <see cref="Limit"/> is <c>bots</c>, <c>channels</c> or <c>messages</c> (this month's answers).</summary>
public sealed record ExceededLimitDto(string Limit, int Used, int Allowed);

/// <summary>
/// What choosing <see cref="PlanCode"/> does: an upgrade applies at once (<see cref="Immediate"/>) for
/// <see cref="AmountTiyin"/>, the price difference for the rest of the period (nothing during a trial); any other change applies at
/// <see cref="EffectiveAt"/>, the next period, and lists the limits the tenant's usage would exceed there.
/// </summary>
public sealed record PlanChangeDto(string PlanCode, bool Immediate, long AmountTiyin, DateTimeOffset EffectiveAt, IReadOnlyList<ExceededLimitDto> ExceededLimits);

/// <summary>
/// Plan changes: quoting them, and paying an upgrade through the renewals' exactly-once charge path (the attempt saved,
/// Paylov's transaction created and its id saved, then that id paid; a pending attempt is reconciled by its saved id).
/// An upgrade's attempts have their own period key (the period and the plan), so at most one is paid per period and plan.
/// </summary>
public sealed class PlanChangeService(
    IApplicationDbContext context, ImmediateCharges charges, IOptions<BillingOptions> billing, TimeProvider time)
{
    public async Task<PlanChangeDto> QuoteAsync(Subscription subscription, PlanDefinition target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = billing.Value.Find(subscription.PlanCode) ?? billing.Value.DefaultPlanDefinition;
        // A dearer plan during a running trial serves at once and costs nothing now: its first charge pays it.
        if (subscription.Status == SubscriptionStatus.Trialing && now < subscription.CurrentPeriodEnd && target.MonthlyPriceTiyin > current.MonthlyPriceTiyin)
            return new PlanChangeDto(target.Code, Immediate: true, AmountTiyin: 0, now, []);
        var amount = Proration.UpgradeTiyin(current.MonthlyPriceTiyin, target.MonthlyPriceTiyin, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, now);
        // Otherwise only a paid, running subscription is upgraded at once, for the price difference for the rest of the period.
        var immediate = amount > 0 && subscription.Status == SubscriptionStatus.Active && !subscription.CancelAtPeriodEnd;
        return new PlanChangeDto(target.Code, immediate, immediate ? amount : 0, immediate ? now : subscription.CurrentPeriodEnd,
            immediate ? [] : await ExceededLimitsAsync(target, now, cancellationToken));
    }

    /// <summary>Charges the quoted upgrade and applies the plan once paid, with its fiscal receipt. 409 while another request pays it; 422 when declined.</summary>
    public Task UpgradeAsync(Subscription subscription, PlanDefinition target, long amountTiyin, CancellationToken cancellationToken) =>
        charges.PayAsync(subscription, subscription.UpgradePeriodKey(target.Code),
            attempt => Charge.ForUpgrade(subscription, target.Code, attempt, amountTiyin, time.GetUtcNow()),
            charge => subscription.UpgradeNow(charge.PlanCode), cancellationToken);

    private async Task<IReadOnlyList<ExceededLimitDto>> ExceededLimitsAsync(PlanDefinition target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = MessageUsage.MonthOf(now);
        (string Limit, int Used, int Allowed)[] limits =
        [
            ("bots", await context.Bots.CountAsync(cancellationToken), target.MaxBots),
            ("channels", await context.ChannelConnections.CountAsync(c => c.DisconnectedAt == null, cancellationToken), target.MaxChannels),
            ("messages", await context.MessageUsages.Where(u => u.Month == month).Select(u => u.Answers).SingleOrDefaultAsync(cancellationToken), target.MaxMessagesPerMonth),
        ];
        return [.. limits.Where(l => l.Used > l.Allowed).Select(l => new ExceededLimitDto(l.Limit, l.Used, l.Allowed))];
    }
}
