using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Common.Phones;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Queries.SearchTenants;

/// <summary>
/// Platform staff find a tenant: one search box matches the tenant's id, the exact e-mail address or mobile number of
/// one of its people, or else a part of its name; filters by plan and subscription status; newest first, paged by a
/// cursor. An id, e-mail or number is looked up by its index alone: matching it against names too read every tenant.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record SearchTenantsQuery(
    string? Search = null,
    string? Plan = null,
    SubscriptionStatus? Status = null,
    string? Cursor = null,
    int Limit = KeysetCursor.DefaultLimit) : IQuery<CursorPage<TenantListItemDto>>;

public sealed record TenantListItemDto(
    Guid Id,
    string Name,
    DateTimeOffset Created,
    string? OwnerEmail,
    string? PlanCode,
    SubscriptionStatus? Status,
    DateTimeOffset? CurrentPeriodEnd,
    IReadOnlyList<TenantRestrictions> Restrictions);

public sealed class SearchTenantsQueryHandler(IApplicationDbContext context, IIdentityService identity)
    : IQueryHandler<SearchTenantsQuery, CursorPage<TenantListItemDto>>
{
    public async ValueTask<CursorPage<TenantListItemDto>> Handle(SearchTenantsQuery query, CancellationToken cancellationToken)
    {
        // Staff have no tenant: the tenant filter would hide every subscription.
        var rows =
            from t in context.Tenants.AsNoTracking()
            join s in context.Subscriptions.IgnoreQueryFilters().AsNoTracking() on t.Id equals s.TenantId into subscriptions
            from s in subscriptions.DefaultIfEmpty()
            select new { Tenant = t, Subscription = s };

        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            if (await ExactMatchesAsync(search, cancellationToken) is { } ids)
                rows = rows.Where(r => ids.Contains(r.Tenant.Id));
            else
            {
                var pattern = "%" + LikePattern.Escape(search) + "%";
                rows = rows.Where(r => EF.Functions.Like(r.Tenant.Name, pattern, LikePattern.EscapeCharacter));
            }
        }
        if (!string.IsNullOrWhiteSpace(query.Plan))
            rows = rows.Where(r => r.Subscription != null && r.Subscription.PlanCode == query.Plan.Trim());
        if (query.Status is { } status)
            rows = rows.Where(r => r.Subscription != null && r.Subscription.Status == status);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            rows = rows.Where(r => r.Tenant.Created < after.At || (r.Tenant.Created == after.At && r.Tenant.Id.CompareTo(after.Id) < 0));

        var page = await rows
            .OrderByDescending(r => r.Tenant.Created).ThenByDescending(r => r.Tenant.Id)
            .Select(r => new TenantRow(r.Tenant.Id, r.Tenant.Name, r.Tenant.Created, r.Tenant.Restrictions,
                r.Subscription == null ? null : r.Subscription.PlanCode,
                r.Subscription == null ? null : r.Subscription.Status,
                r.Subscription == null ? null : r.Subscription.CurrentPeriodEnd))
            .ToCursorPageAsync(query.Limit, t => new KeysetCursor(t.Created, t.Id), cancellationToken);

        var owners = await identity.FindOwnerEmailsAsync(page.Items.Select(t => t.Id).ToList(), cancellationToken);
        var items = page.Items.Select(t => new TenantListItemDto(t.Id, t.Name, t.Created, owners.GetValueOrDefault(t.Id), t.PlanCode, t.Status,
            t.CurrentPeriodEnd, TenantRestrictionList.Split(t.Restrictions))).ToList();
        return new CursorPage<TenantListItemDto>(items, page.NextCursor);
    }

    private sealed record TenantRow(Guid Id, string Name, DateTimeOffset Created, TenantRestrictions Restrictions, string? PlanCode,
        SubscriptionStatus? Status, DateTimeOffset? CurrentPeriodEnd);

    /// <summary>
    /// The tenants a search names by id, or by the e-mail address or mobile number of one of their people; null when the
    /// search is none of these, so a part of a name.
    /// </summary>
    private async Task<List<Guid>?> ExactMatchesAsync(string search, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(search, out var id))
            return [id];
        var email = search.Contains('@') ? search : null;
        var phone = email is null ? MobilePhoneNumbers.ToE164Mobile(search) : null;
        return email is null && phone is null ? null : [.. await identity.FindTenantIdsByContactAsync(email, phone, cancellationToken)];
    }
}

public sealed class SearchTenantsQueryValidator : AbstractValidator<SearchTenantsQuery>
{
    public SearchTenantsQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(256);
        RuleFor(q => q.Plan).MaximumLength(Subscription.PlanCodeMaxLength);
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
