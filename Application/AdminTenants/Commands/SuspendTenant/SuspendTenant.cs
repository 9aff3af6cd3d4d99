using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Commands.SuspendTenant;

/// <summary>
/// Staff suspend a tenant: the restriction of processing's hold (data kept and readable, bots silent, writes refused)
/// until staff reactivate it; the owner is e-mailed the reason. Suspending a suspended tenant changes nothing.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record SuspendTenantCommand(Guid Id, string Reason) : ICommand;

public sealed class SuspendTenantCommandHandler(IApplicationDbContext context, TenantActions actions, TenantAdminMail mail, TimeProvider time)
    : ICommandHandler<SuspendTenantCommand>
{
    public async ValueTask<Unit> Handle(SuspendTenantCommand command, CancellationToken cancellationToken)
    {
        var tenant = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        if (tenant.Restrictions.HasFlag(TenantRestrictions.SuspendedByPlatform))
            return Unit.Value;

        tenant.Restrict(TenantRestrictions.SuspendedByPlatform, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        await mail.SuspendedAsync(tenant.Id, command.Reason.Trim(), cancellationToken);
        return Unit.Value;
    }
}

public sealed class SuspendTenantCommandValidator : AbstractValidator<SuspendTenantCommand>
{
    public SuspendTenantCommandValidator() => RuleFor(c => c.Reason).StaffReason();
}
