using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.AdminTenants.Commands.ReactivateTenant;

/// <summary>
/// Staff lift their suspension; other reasons (the owner's restriction, a withdrawn consent, the paywall) stay. Once
/// nothing holds the tenant, the messages stored meanwhile are answered. Reactivating an active tenant changes nothing.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record ReactivateTenantCommand(Guid Id, string Reason) : ICommand;

public sealed class ReactivateTenantCommandHandler(
    IApplicationDbContext context, TenantActions actions, TenantAdminMail mail, ProcessingRestrictions restrictions, ConversationFlow conversations)
    : ICommandHandler<ReactivateTenantCommand>
{
    public async ValueTask<Unit> Handle(ReactivateTenantCommand command, CancellationToken cancellationToken)
    {
        var tenant = await actions.BeginAsync(command.Id, command.Reason, cancellationToken);
        if (!tenant.Restrictions.HasFlag(TenantRestrictions.SuspendedByPlatform))
            return Unit.Value;

        var restrictedSince = tenant.RestrictedSince;
        tenant.Lift(TenantRestrictions.SuspendedByPlatform);
        await context.SaveChangesAsync(cancellationToken);
        restrictions.Lifted(tenant);
        if (!tenant.HoldsProcessing && restrictedSince is { } since)
            await conversations.AnswerHeldAsync(tenant.Id, since, cancellationToken);
        await mail.ReactivatedAsync(tenant.Id, cancellationToken);
        return Unit.Value;
    }
}

public sealed class ReactivateTenantCommandValidator : AbstractValidator<ReactivateTenantCommand>
{
    public ReactivateTenantCommandValidator() => RuleFor(c => c.Reason).StaffReason();
}
