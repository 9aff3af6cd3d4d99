using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

/// <summary>
/// Takes the scope's context when asked, not when built: the authorization behaviour that depends on this is built
/// for every message, and most never ask (webhooks, anonymous calls, rules without the phone check). Building a
/// DbContext for each of them was about a tenth of the webhook path's CPU.
/// </summary>
internal sealed class AccountStatus(IServiceProvider services) : IAccountStatus
{
    public Task<bool> IsPhoneVerifiedAsync(Guid userId, CancellationToken cancellationToken) =>
        services.GetRequiredService<ApplicationDbContext>().Users.AnyAsync(u => u.Id == userId && u.PhoneNumberConfirmed, cancellationToken);

    public Task<bool> IsOwnerPhoneVerifiedAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ApplicationDbContext>();
        return db.Users.AnyAsync(u => u.TenantId == tenantId && u.PhoneNumberConfirmed
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Domain.Common.Roles.Owner)), cancellationToken);
    }
}
