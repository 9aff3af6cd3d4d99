using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Application.Billing.PlanChanges;

/// <summary>A limit the tenant's usage exceeds on the plan chosen: <see cref="Limit"/> is <c>bots</c>, <c>channels</c> or <c>messages</c> (this month's answers).</summary>
public sealed record ExceededLimitDto(string Limit, int Used, int Allowed);

/// <summary>
/// What choosing <see cref="PlanCode"/> does: an upgrade applies at once (<see cref="Immediate"/>) for
/// <see cref="AmountTiyin"/>, the price difference for the rest of the period; any other change applies at
/// <see cref="EffectiveAt"/>, the next period, and lists the limits the tenant's usage would exceed there.
/// </summary>
public sealed record PlanChangeDto(string PlanCode, bool Immediate, long AmountTiyin, DateTimeOffset EffectiveAt, IReadOnlyList<ExceededLimitDto> ExceededLimits);

/// <summary>
/// Plan changes: quoting them, and paying an upgrade through the renewals' exactly-once charge path (the attempt saved,
/// Paylov's transaction created and its id saved, then that id paid; a pending attempt is reconciled by its saved id).
/// An upgrade's attempts have their own period key (the period and the plan), so at most one is paid per period and plan.
/// </summary>
public sealed class PlanChangeService(
    IApplicationDbContext context, RenewalSteps steps, ReceiptIssuer receipts, IOptions<BillingOptions> billing, TimeProvider time)
{
    public async Task<PlanChangeDto> QuoteAsync(Subscription subscription, PlanDefinition target, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var current = billing.Value.Find(subscription.PlanCode) ?? billing.Value.DefaultPlanDefinition;
        var amount = Proration.UpgradeTiyin(current.MonthlyPriceTiyin, target.MonthlyPriceTiyin, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, now);
        // Only a paid, running subscription is upgraded at once; in a trial the choice is the plan its first charge pays.
        var immediate = amount > 0 && subscription.Status == SubscriptionStatus.Active && !subscription.CancelAtPeriodEnd;
        return new PlanChangeDto(target.Code, immediate, immediate ? amount : 0, immediate ? now : subscription.CurrentPeriodEnd,
            immediate ? [] : await ExceededLimitsAsync(target, now, cancellationToken));
    }

    /// <summary>Charges the quoted upgrade and applies the plan once paid, with its fiscal receipt. 409 while another request pays it; 422 when declined.</summary>
    public async Task UpgradeAsync(Subscription subscription, PlanDefinition target, long amountTiyin, CancellationToken cancellationToken)
    {
        var periodKey = subscription.UpgradePeriodKey(target.Code);
        var attempts = await context.Charges.Where(c => c.SubscriptionId == subscription.Id && c.PeriodKey == periodKey).ToListAsync(cancellationToken);
        var renewal = new Renewal(subscription)
        {
            Card = await context.PaymentMethods.AsNoTracking().Where(p => p.RemovedAt == null).OrderByDescending(p => p.Created).FirstOrDefaultAsync(cancellationToken),
            Charge = attempts.FirstOrDefault(c => c.Status == ChargeStatus.Pending),
        };
        renewal.Reconcile = renewal.Charge is not null;
        if (renewal.Charge is null)
        {
            renewal.Charge = Charge.ForUpgrade(subscription, target.Code, attempts.Count + 1, amountTiyin, time.GetUtcNow());
            context.Charges.Add(renewal.Charge);
            await SaveOrConflictAsync(cancellationToken);
        }

        await steps.CallPaylovAsync(renewal, cancellationToken);
        if (renewal.AwaitsSavingTransaction)
        {
            RenewalSteps.RecordTransaction(renewal);
            await SaveOrConflictAsync(cancellationToken);
            await steps.CallPaylovAsync(renewal, cancellationToken);
        }

        var (charge, result) = (renewal.Charge!, renewal.Result!);
        switch (result.State)
        {
            case Payments.PaylovTransactionState.Succeeded:
                charge.Succeeded(result.TransactionId ?? charge.TransactionId ?? charge.IdempotencyKey, time.GetUtcNow());
                subscription.UpgradeNow(charge.PlanCode);
                var receipt = FiscalReceiptRecord.For(charge);
                context.FiscalReceipts.Add(receipt);
                await SaveOrConflictAsync(cancellationToken);
                await receipts.IssueAsync(receipt, charge, cancellationToken);
                return;
            case Payments.PaylovTransactionState.Pending:
                throw new ConflictException("Paylov has not confirmed the payment yet. Try again in a minute; you will not be charged twice.");
            default:
                charge.Failed(result.ErrorCode ?? result.State.ToString(), result.TransactionId, time.GetUtcNow());
                await SaveOrConflictAsync(cancellationToken);
                throw new DomainRuleViolationException($"The payment did not go through ({charge.FailureCode}); your plan is unchanged.");
        }
    }

    // A unique index or concurrency token refused the write: another request is paying this upgrade right now.
    private async Task SaveOrConflictAsync(CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException("This plan change is already being paid for.");
        }
    }

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
