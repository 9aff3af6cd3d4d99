using Microsoft.Extensions.Options;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Common;

/// <summary>Attributes a sign-up to the partner whose referral code it came with.</summary>
public sealed class Referrals(IApplicationDbContext context, IIdentityService identity, ILogger<Referrals> logger)
{
    /// <summary>
    /// Adds the referral (saved with the sign-up) when <paramref name="referralCode"/> is a partner's and the person
    /// signing up is not one of that partner's own people (same e-mail or phone): no self-referral. An unknown code is
    /// ignored, so a stale link never blocks a sign-up.
    /// </summary>
    public async Task AttributeAsync(string? referralCode, Guid newTenantId, string email, string phoneE164, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(referralCode))
            return;
        var code = Partner.Normalize(referralCode);
        // Sign-up has no tenant yet: the partner is looked up across tenants, by its unique code.
        var partner = await context.Partners.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.ReferralCode == code, cancellationToken);
        if (partner is null)
            return;
        var ownTenants = await identity.FindTenantIdsByContactAsync(email, phoneE164, cancellationToken);
        if (ownTenants.Contains(partner.TenantId))
        {
            logger.LogInformation("Sign-up with the referral code of its own tenant {TenantId} not attributed", partner.TenantId);
            return;
        }

        context.Referrals.Add(Referral.Attribute(partner, newTenantId, now));
    }
}
