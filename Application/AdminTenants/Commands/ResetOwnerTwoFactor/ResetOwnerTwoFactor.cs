using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminTenants.Commands.ResetOwnerTwoFactor;

/// <summary>
/// An owner who lost the phone that receives the sign-in codes asks support to turn two-factor sign-in off. Staff first
/// check who is asking and note how (the reason, kept in the audit log); the owner's sessions end and the owner is
/// e-mailed, so a reset asked for by someone else does not go unnoticed. An owner without two-factor: nothing changes.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record ResetOwnerTwoFactorCommand(Guid Id, string Reason) : ICommand<TwoFactorResetDto>;

/// <param name="OwnersReset">How many owners had two-factor sign-in turned off (0: none had it on).</param>
public sealed record TwoFactorResetDto(int OwnersReset);

public sealed class ResetOwnerTwoFactorCommandHandler(IApplicationDbContext context, TenantActions actions, IIdentityService identity, TenantAdminMail mail,
    TimeProvider time)
    : ICommandHandler<ResetOwnerTwoFactorCommand, TwoFactorResetDto>
{
    public async ValueTask<TwoFactorResetDto> Handle(ResetOwnerTwoFactorCommand command, CancellationToken cancellationToken)
    {
        var tenant = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        var owners = (await identity.ListTenantUsersAsync(tenant.Id, cancellationToken))
            .Where(u => u.Roles.Contains(Roles.Owner) && u.TwoFactorEnabled)
            .ToList();
        var ownerIds = owners.Select(o => o.Id).ToList();
        foreach (var owner in owners)
        {
            await identity.SetTwoFactorAsync(owner.Id, false, cancellationToken);
            await identity.RotateSecurityStampAsync(owner.Id, cancellationToken);
        }

        // Whoever holds a session (the phone's thief, say) is signed out now, not at the next security-stamp check.
        var now = time.GetUtcNow();
        foreach (var session in await context.UserSessions.IgnoreQueryFilters().Where(s => ownerIds.Contains(s.UserId) && s.EndedAt == null).ToListAsync(cancellationToken))
            session.End(now);
        await context.SaveChangesAsync(cancellationToken);
        foreach (var owner in owners)
            await mail.TwoFactorResetAsync(owner.Email, cancellationToken);

        return new TwoFactorResetDto(owners.Count);
    }
}

public sealed class ResetOwnerTwoFactorCommandValidator : AbstractValidator<ResetOwnerTwoFactorCommand>
{
    public ResetOwnerTwoFactorCommandValidator() => RuleFor(c => c.Reason).StaffReason();
}
