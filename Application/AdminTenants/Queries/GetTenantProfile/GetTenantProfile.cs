using VirtuOps.Application.AccessGrants.Common;
using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Queries.GetTenantProfile;

/// <summary>
/// One tenant as platform staff see it: its people, plan and subscription, channels and their health, last activity
/// and consent history. Metadata only: no conversation, contact or knowledge content; <see cref="TenantProfileDto.AccessGrant"/>
/// tells whether the owner's grant lets staff read those now.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetTenantProfileQuery(Guid Id) : IQuery<TenantProfileDto>;

public sealed record TenantProfileDto(
    Guid Id,
    string Name,
    DateTimeOffset Created,
    IReadOnlyList<TenantRestrictions> Restrictions,
    DateTimeOffset? RestrictedSince,
    TenantSubscriptionDto? Subscription,
    IReadOnlyList<TenantUserDto> Users,
    IReadOnlyList<TenantChannelDto> Channels,
    DateTimeOffset? LastActivityAt,
    IReadOnlyList<TenantConsentDto> Consents,
    StaffAccessGrantDto? AccessGrant,
    IReadOnlyList<TenantReceiptDto> Receipts);

public sealed record TenantSubscriptionDto(
    string PlanCode,
    SubscriptionStatus Status,
    DateTimeOffset CurrentPeriodStart,
    DateTimeOffset CurrentPeriodEnd,
    bool CancelAtPeriodEnd,
    string? PendingPlanCode,
    int FailedAttempts,
    DateTimeOffset? NextRetryAt,
    bool HasCard);

public sealed record TenantUserDto(Guid Id, string FullName, string Email, string? PhoneNumber, IReadOnlyList<string> Roles,
    bool TwoFactorEnabled, DateTimeOffset? LastSeenAt);

public sealed record TenantChannelDto(Guid Id, Channel Channel, string DisplayName, bool Connected, DateTimeOffset ConnectedAt,
    DateTimeOffset? DisconnectedAt, DateTimeOffset? LastInboundAt, DateTimeOffset? LastOutboundAt, DateTimeOffset? LastErrorAt, string? LastError);

/// <summary>A fiscal receipt of one of the tenant's charges; <c>Url</c> is null until Paylov has issued it.</summary>
public sealed record TenantReceiptDto(Guid Id, Guid ChargeId, long AmountTiyin, DateTimeOffset ChargedAt, DateTimeOffset? IssuedAt, string? Url, DateTimeOffset? EmailedAt);

public sealed record TenantConsentDto(ConsentKind Kind, ConsentAction Action, string DocumentVersion, DateTimeOffset OccurredAt, Guid UserId);

public sealed class GetTenantProfileQueryHandler(IApplicationDbContext context, IIdentityService identity, IStaffAuditTrail trail, TimeProvider time)
    : IQueryHandler<GetTenantProfileQuery, TenantProfileDto>
{
    /// <summary>The latest consent records shown; the full history is in the tenant's export.</summary>
    public const int ConsentLimit = 100;

    /// <summary>The latest receipts shown (a year of monthly charges, with room for upgrades).</summary>
    public const int ReceiptLimit = 24;

    public async ValueTask<TenantProfileDto> Handle(GetTenantProfileQuery query, CancellationToken cancellationToken)
    {
        var tenant = await context.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("No such tenant.");
        trail.Concerns(tenant.Id);

        // Staff have no tenant of their own: every read below names the tenant instead of relying on the tenant filter.
        var hasCard = await context.PaymentMethods.IgnoreQueryFilters().AnyAsync(p => p.TenantId == tenant.Id && p.RemovedAt == null, cancellationToken);
        var subscription = await context.Subscriptions.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenant.Id)
            .Select(s => new TenantSubscriptionDto(s.PlanCode, s.Status, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelAtPeriodEnd,
                s.PendingPlanCode, s.FailedAttempts, s.NextRetryAt, hasCard))
            .SingleOrDefaultAsync(cancellationToken);

        var accounts = await identity.ListTenantUsersAsync(tenant.Id, cancellationToken);
        var userIds = accounts.Select(a => a.Id).ToList();
        var lastSeen = await context.UserSessions.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId))
            .GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, LastSeenAt = g.Max(s => s.LastSeenAt) })
            .ToDictionaryAsync(s => s.UserId, s => s.LastSeenAt, cancellationToken);
        var users = accounts.Select(a => new TenantUserDto(a.Id, a.FullName, a.Email, a.PhoneNumber, a.Roles, a.TwoFactorEnabled,
            lastSeen.TryGetValue(a.Id, out var seen) ? seen : null)).ToList();

        var channels = await context.ChannelConnections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenant.Id)
            .OrderBy(c => c.Channel).ThenBy(c => c.DisplayName)
            .Select(c => new TenantChannelDto(c.Id, c.Channel, c.DisplayName, c.DisconnectedAt == null, c.ConnectedAt, c.DisconnectedAt,
                c.LastInboundAt, c.LastOutboundAt, c.LastErrorAt, c.LastError))
            .ToListAsync(cancellationToken);

        var consents = await context.ConsentRecords.AsNoTracking()
            .Where(c => c.TenantId == tenant.Id)
            .OrderByDescending(c => c.OccurredAt)
            .Take(ConsentLimit)
            .Select(c => new TenantConsentDto(c.Kind, c.Action, c.DocumentVersion, c.OccurredAt, c.UserId))
            .ToListAsync(cancellationToken);

        var grant = await context.StaffAccessGrants.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.TenantId == tenant.Id).ActiveAt(time.GetUtcNow())
            .FirstOrDefaultAsync(cancellationToken);

        var receipts = await (
                from r in context.FiscalReceipts.IgnoreQueryFilters().AsNoTracking()
                join c in context.Charges.IgnoreQueryFilters().AsNoTracking() on r.ChargeId equals c.Id
                where r.TenantId == tenant.Id
                orderby c.AttemptedAt descending
                select new TenantReceiptDto(r.Id, c.Id, c.AmountTiyin, c.AttemptedAt, r.IssuedAt, r.Url, r.EmailedAt))
            .Take(ReceiptLimit)
            .ToListAsync(cancellationToken);

        var lastActivity = users.Max(u => u.LastSeenAt);
        return new TenantProfileDto(tenant.Id, tenant.Name, tenant.Created, TenantRestrictionList.Split(tenant.Restrictions), tenant.RestrictedSince,
            subscription, users, channels, lastActivity, consents, grant?.ToDto(), receipts);
    }
}
