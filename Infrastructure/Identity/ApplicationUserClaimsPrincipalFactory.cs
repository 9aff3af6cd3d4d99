using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace VirtuOps.Infrastructure.Identity;

/// <summary>Puts the tenant into the sign-in cookie, so every request knows whose data it may see without a lookup.</summary>
internal sealed class ApplicationUserClaimsPrincipalFactory(
    UserManager<ApplicationUser> userManager,
    RoleManager<ApplicationRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, ApplicationRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TenantId is { } tenantId)
            identity.AddClaim(new Claim(VirtuOpsClaimTypes.TenantId, tenantId.ToString()));
        return identity;
    }
}
