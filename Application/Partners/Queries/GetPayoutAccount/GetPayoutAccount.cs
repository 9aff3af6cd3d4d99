using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Queries.GetPayoutAccount;

/// <summary>The partner's payout details, masked, and its payout requests, newest first.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record GetPayoutAccountQuery : IQuery<PayoutAccountDto>;

public sealed record PayoutDto(Guid Id, long AmountTiyin, PayoutStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt, string? Reason, string? FailureCode);

public sealed record PayoutAccountDto(
    PayeeKind? Kind, string? MaskedTaxId, string? CompanyName, string? CardMaskedPan, bool PinflVerified, bool Ready, IReadOnlyList<PayoutDto> Payouts);

public sealed class GetPayoutAccountQueryHandler(IApplicationDbContext context) : IQueryHandler<GetPayoutAccountQuery, PayoutAccountDto>
{
    public async ValueTask<PayoutAccountDto> Handle(GetPayoutAccountQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Partners.AnyAsync(cancellationToken))
            throw new NotFoundException("The tenant is not a partner.");
        var account = await context.PayoutAccounts.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var payouts = await context.Payouts.AsNoTracking().OrderByDescending(p => p.RequestedAt).Take(100)
            .Select(p => new PayoutDto(p.Id, p.AmountTiyin, p.Status, p.RequestedAt, p.DecidedAt, p.Reason, p.FailureCode))
            .ToListAsync(cancellationToken);
        return account is null || account.MaskedTaxId.Length == 0 && account.CardMaskedPan is null
            ? new PayoutAccountDto(null, null, null, account?.CardMaskedPan, false, false, payouts)
            : new PayoutAccountDto(account.MaskedTaxId.Length == 0 ? null : account.Kind, account.MaskedTaxId.Length == 0 ? null : account.MaskedTaxId,
                account.CompanyName, account.CardMaskedPan, account.PinflVerifiedAt is not null, account.IsReady, payouts);
    }
}
