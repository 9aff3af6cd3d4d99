using Microsoft.Extensions.Options;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Commands.AccrueCommissions;

/// <summary>
/// Sent by the commission job (<c>Partners:AccrualCron</c>): credits each partner with its commission on every paid
/// charge of a tenant it referred, paid within <c>Partners:CommissionMonths</c> of that tenant's sign-up. It looks for
/// paid charges without an accrual, so a run that was missed or cut short is made up by the next; the unique entry key
/// (<c>accrual:&lt;charge&gt;</c>) makes a charge accrue exactly once even when two runs meet.
/// </summary>
public sealed record AccrueCommissionsCommand : ICommand<int>;

public sealed class AccrueCommissionsCommandHandler(
    IApplicationDbContext context, IDatabaseWriter writer, IOptions<PartnerOptions> options, TimeProvider time, ILogger<AccrueCommissionsCommandHandler> logger)
    : ICommandHandler<AccrueCommissionsCommand, int>
{
    public async ValueTask<int> Handle(AccrueCommissionsCommand command, CancellationToken cancellationToken)
    {
        var terms = options.Value;
        // The job serves every partner, so it looks across tenants.
        var owed = await (
                from c in context.Charges.IgnoreQueryFilters()
                join r in context.Referrals.IgnoreQueryFilters() on c.TenantId equals r.ReferredTenantId
                where c.Status == ChargeStatus.Succeeded
                    && context.Partners.IgnoreQueryFilters().Any(p => p.TenantId == r.TenantId)
                    && !context.PartnerLedger.IgnoreQueryFilters().Any(e => e.ChargeId == c.Id && e.Kind == PartnerLedgerEntryKind.Accrual)
                select new { Charge = c, Referral = r })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        var accruals = owed
            .Where(o => (o.Charge.CompletedAt ?? o.Charge.AttemptedAt) < o.Referral.CommissionUntil(terms.CommissionMonths))
            .Select(o => PartnerLedgerEntry.Accrual(o.Referral, o.Charge.Id, o.Charge.AmountTiyin, terms.CommissionPercent, now))
            .Where(e => e.AmountTiyin > 0)
            .ToList();
        if (accruals.Count == 0)
            return 0;

        context.PartnerLedger.AddRange(accruals);
        try
        {
            await writer.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another run accrued some of these first (the entry key is unique); the next run adds what is still owed.
            logger.LogInformation("Commission accrual met another run; the rest is accrued on the next run");
            foreach (var accrual in accruals)
                context.PartnerLedger.Entry(accrual).State = EntityState.Detached;
            return 0;
        }

        logger.LogInformation("Accrued {Count} partner commissions", accruals.Count);
        return accruals.Count;
    }
}
