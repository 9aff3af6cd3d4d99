using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Queries.GetMyPartner;

/// <summary>The partner page: the referral link, the programme's terms, the balance, the referred tenants and the latest ledger entries.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetMyPartnerQuery : IQuery<PartnerDto>;

/// <summary>A referred tenant, without its name: the partner sees when it signed up and what it earned.</summary>
public sealed record ReferralDto(DateTimeOffset SignedUpAt, DateTimeOffset CommissionUntil, long EarnedTiyin);

public sealed record LedgerEntryDto(Guid Id, PartnerLedgerEntryKind Kind, long AmountTiyin, DateTimeOffset OccurredAt);

public sealed record PartnerDto(
    string ReferralCode,
    string ReferralLink,
    DateTimeOffset JoinedAt,
    int CommissionPercent,
    int CommissionMonths,
    long MinimumPayoutTiyin,
    long BalanceTiyin,
    IReadOnlyList<ReferralDto> Referrals,
    IReadOnlyList<LedgerEntryDto> Ledger);

public sealed class GetMyPartnerQueryHandler(IApplicationDbContext context, IOptions<PartnerOptions> options, IOptions<AppLinksOptions> links)
    : IQueryHandler<GetMyPartnerQuery, PartnerDto>
{
    /// <summary>The statement shows this many latest entries; the balance sums them all.</summary>
    public const int LedgerEntriesShown = 100;

    public async ValueTask<PartnerDto> Handle(GetMyPartnerQuery query, CancellationToken cancellationToken)
    {
        var partner = await context.Partners.AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The tenant is not a partner.");
        var terms = options.Value;
        var balance = await context.PartnerLedger.SumAsync(e => e.AmountTiyin, cancellationToken);
        var earned = await context.PartnerLedger.Where(e => e.ReferredTenantId != null)
            .GroupBy(e => e.ReferredTenantId!.Value)
            .Select(g => new { ReferredTenantId = g.Key, Earned = g.Sum(e => e.AmountTiyin) })
            .ToDictionaryAsync(g => g.ReferredTenantId, g => g.Earned, cancellationToken);
        var referrals = (await context.Referrals.AsNoTracking().OrderByDescending(r => r.AttributedAt).Take(500).ToListAsync(cancellationToken))
            .Select(r => new ReferralDto(r.AttributedAt, r.CommissionUntil(terms.CommissionMonths), earned.GetValueOrDefault(r.ReferredTenantId)))
            .ToList();
        var ledger = await context.PartnerLedger.AsNoTracking().OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(LedgerEntriesShown)
            .Select(e => new LedgerEntryDto(e.Id, e.Kind, e.AmountTiyin, e.OccurredAt))
            .ToListAsync(cancellationToken);

        return new PartnerDto(partner.ReferralCode, links.Value.Link($"/sign-up?ref={partner.ReferralCode}").AbsoluteUri, partner.JoinedAt,
            terms.CommissionPercent, terms.CommissionMonths, terms.MinimumPayoutTiyin, balance, referrals, ledger);
    }
}
