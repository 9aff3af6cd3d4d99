using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Data;

namespace VirtuOps.Infrastructure.Identity;

internal sealed class AccountStatus(ApplicationDbContext context) : IAccountStatus
{
    public Task<bool> IsPhoneVerifiedAsync(Guid userId, CancellationToken cancellationToken) =>
        context.Users.AnyAsync(u => u.Id == userId && u.PhoneNumberConfirmed, cancellationToken);
}
