using VirtuOps.Application.AdminPayouts.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.AdminPayouts.Queries.GetPayouts;

/// <summary>Partners' payout requests across tenants, newest first, optionally of one status.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetPayoutsQuery(PayoutStatus? Status = null, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit) : IQuery<CursorPage<AdminPayoutDto>>;

public sealed class GetPayoutsQueryValidator : AbstractValidator<GetPayoutsQuery>
{
    public GetPayoutsQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}

public sealed class GetPayoutsQueryHandler(IApplicationDbContext context) : IQueryHandler<GetPayoutsQuery, CursorPage<AdminPayoutDto>>
{
    public async ValueTask<CursorPage<AdminPayoutDto>> Handle(GetPayoutsQuery query, CancellationToken cancellationToken)
    {
        // Staff serve every partner, so the list looks across tenants.
        var payouts = context.Payouts.IgnoreQueryFilters().AsNoTracking();
        if (query.Status is { } status)
            payouts = payouts.Where(p => p.Status == status);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            payouts = payouts.Where(p => p.RequestedAt < after.At || (p.RequestedAt == after.At && p.Id.CompareTo(after.Id) < 0));
        var page = await payouts.OrderByDescending(p => p.RequestedAt).ThenByDescending(p => p.Id)
            .ToCursorPageAsync(query.Limit, p => new KeysetCursor(p.RequestedAt, p.Id), cancellationToken);
        return new CursorPage<AdminPayoutDto>([.. page.Items.Select(AdminPayoutDto.Of)], page.NextCursor);
    }
}
