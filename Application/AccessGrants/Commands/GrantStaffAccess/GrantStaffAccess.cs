using VirtuOps.Application.AccessGrants.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AccessGrants.Commands.GrantStaffAccess;

/// <summary>
/// The owner lets platform staff read the tenant's conversations and knowledge for <see cref="Hours"/> hours (1 to 168),
/// for the reason given. A new grant replaces the running one, so there is only ever one to watch and revoke.
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record GrantStaffAccessCommand(int Hours, string Reason) : ICommand<StaffAccessGrantDto>;

public sealed class GrantStaffAccessCommandHandler(IApplicationDbContext context, ICurrentUser user, TimeProvider time)
    : ICommandHandler<GrantStaffAccessCommand, StaffAccessGrantDto>
{
    public async ValueTask<StaffAccessGrantDto> Handle(GrantStaffAccessCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var running in await context.StaffAccessGrants.ActiveAt(now).ToListAsync(cancellationToken))
            running.Revoke(now);
        var grant = StaffAccessGrant.Give(user.UserId!.Value, command.Reason, TimeSpan.FromHours(command.Hours), now);
        context.StaffAccessGrants.Add(grant);
        await context.SaveChangesAsync(cancellationToken);
        return grant.ToDto();
    }
}

public sealed class GrantStaffAccessCommandValidator : AbstractValidator<GrantStaffAccessCommand>
{
    public GrantStaffAccessCommandValidator()
    {
        RuleFor(c => c.Hours).InclusiveBetween(1, (int)StaffAccessGrant.MaxDuration.TotalHours);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(StaffAccessGrant.ReasonMaxLength);
    }
}
