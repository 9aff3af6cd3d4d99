using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Billing;

namespace VirtuOps.Application.Accounts.Queries.GetCurrentAccount;

/// <summary>
/// Who is signed in, for the SPA's shell and profile pages; which published documents they must accept before going on
/// (a new version, or one they withdrew), and whether their tenant's processing is restricted (the SPA turns read-only).
/// </summary>
[Authorize]
public sealed record GetCurrentAccountQuery : IQuery<CurrentAccountDto>;

public sealed record CurrentAccountDto(
    Guid UserId,
    string FullName,
    string Email,
    string? PhoneNumber,
    bool PhoneNumberConfirmed,
    bool TwoFactorEnabled,
    Guid? TenantId,
    string? TenantName,
    IReadOnlyList<string> Roles,
    IReadOnlyList<LegalDocumentToAcceptDto> DocumentsToAccept,
    ProcessingRestrictionDto? Restriction,
    DateTimeOffset? TrialEndsAt);

public sealed class GetCurrentAccountQueryHandler(ICurrentUser currentUser, IIdentityService identity, IApplicationDbContext context,
    IOptions<LegalDocumentsOptions> legal)
    : IQueryHandler<GetCurrentAccountQuery, CurrentAccountDto>
{
    public async ValueTask<CurrentAccountDto> Handle(GetCurrentAccountQuery query, CancellationToken cancellationToken)
    {
        var user = await identity.FindByIdAsync(currentUser.UserId ?? throw new SignInRequiredException(), cancellationToken)
            ?? throw new SignInRequiredException();
        var tenant = user.TenantId is { } tenantId
            ? await context.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
                .Select(t => new { t.Name, t.Restrictions, t.RestrictedSince }).SingleOrDefaultAsync(cancellationToken)
            : null;
        // Platform staff belong to no tenant and accept no customer documents.
        var toAccept = tenant is null ? [] : await LegalAcceptance.ToAcceptAsync(context, legal.Value, user.Id, user.Roles, cancellationToken);
        var restriction = tenant is null ? null : ProcessingRestrictionDto.Of(tenant.Restrictions, tenant.RestrictedSince);
        // For the trial banner's countdown, shown to the whole team.
        var trialEndsAt = tenant is null ? null : await context.Subscriptions.AsNoTracking()
            .Where(s => s.Status == SubscriptionStatus.Trialing).Select(s => (DateTimeOffset?)s.CurrentPeriodEnd).SingleOrDefaultAsync(cancellationToken);
        return new CurrentAccountDto(user.Id, user.FullName, user.Email, user.PhoneNumber, user.PhoneNumberConfirmed,
            user.TwoFactorEnabled, user.TenantId, tenant?.Name, user.Roles, toAccept, restriction is { Restricted: true } ? restriction : null, trialEndsAt);
    }
}
