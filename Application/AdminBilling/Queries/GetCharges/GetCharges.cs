using VirtuOps.Application.Common.Models;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminBilling.Queries.GetCharges;

/// <summary>
/// Charges across tenants for staff, newest attempt first: renewals, first payments and prorated upgrades, each with its
/// outcome, Paylov's refusal code and the fiscal receipt. <c>Failed</c> with a tenant shows that tenant's dunning
/// history attempt by attempt.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetChargesQuery(ChargeStatus? Status = null, Guid? TenantId = null, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<AdminChargeDto>>;

public sealed record AdminChargeDto(
    Guid Id,
    Guid TenantId,
    string TenantName,
    string PlanCode,
    string PeriodKey,
    int Attempt,
    long AmountTiyin,
    ChargeStatus Status,
    string? FailureCode,
    DateTimeOffset AttemptedAt,
    DateTimeOffset? CompletedAt,
    string? ReceiptUrl);

public sealed class GetChargesQueryValidator : AbstractValidator<GetChargesQuery>
{
    public GetChargesQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}

public sealed class GetChargesQueryHandler(IApplicationDbContext context) : IQueryHandler<GetChargesQuery, CursorPage<AdminChargeDto>>
{
    public async ValueTask<CursorPage<AdminChargeDto>> Handle(GetChargesQuery query, CancellationToken cancellationToken)
    {
        // Staff have no tenant: the list looks across tenants.
        var charges = context.Charges.IgnoreQueryFilters().AsNoTracking();
        if (query.Status is { } status)
            charges = charges.Where(c => c.Status == status);
        if (query.TenantId is { } tenantId)
            charges = charges.Where(c => c.TenantId == tenantId);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            charges = charges.Where(c => c.AttemptedAt < after.At || (c.AttemptedAt == after.At && c.Id.CompareTo(after.Id) < 0));

        var rows =
            from c in charges
            join t in context.Tenants.AsNoTracking() on c.TenantId equals t.Id
            join r in context.FiscalReceipts.IgnoreQueryFilters().AsNoTracking() on c.Id equals r.ChargeId into receipts
            from r in receipts.DefaultIfEmpty()
            orderby c.AttemptedAt descending, c.Id descending
            select new AdminChargeDto(c.Id, c.TenantId, t.Name, c.PlanCode, c.PeriodKey, c.Attempt, c.AmountTiyin, c.Status, c.FailureCode,
                c.AttemptedAt, c.CompletedAt, r == null ? null : r.Url);
        return await rows.ToCursorPageAsync(query.Limit, c => new KeysetCursor(c.AttemptedAt, c.Id), cancellationToken);
    }
}
