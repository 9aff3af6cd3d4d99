using VirtuOps.Application.AccessGrants.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AccessGrants.Commands.RevokeStaffAccess;

/// <summary>The owner ends the running grant now: staff's next read is refused. Without a running grant it does nothing.</summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record RevokeStaffAccessCommand : ICommand;

public sealed class RevokeStaffAccessCommandHandler(IApplicationDbContext context, TimeProvider time) : ICommandHandler<RevokeStaffAccessCommand>
{
    public async ValueTask<Unit> Handle(RevokeStaffAccessCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var grant in await context.StaffAccessGrants.ActiveAt(now).ToListAsync(cancellationToken))
            grant.Revoke(now);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
