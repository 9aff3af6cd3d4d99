using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Tenants.Commands.RenameTenant;

/// <summary>Changes the company name shown to the team and on receipts.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.ApiWrite)]
public sealed record RenameTenantCommand(string Name) : ICommand;

public sealed class RenameTenantCommandHandler(ICurrentUser currentUser, IApplicationDbContext context) : ICommandHandler<RenameTenantCommand>
{
    public async ValueTask<Unit> Handle(RenameTenantCommand command, CancellationToken cancellationToken)
    {
        var tenant = await context.Tenants.SingleOrDefaultAsync(t => t.Id == currentUser.TenantId, cancellationToken)
            ?? throw new NotFoundException("No tenant.");
        tenant.Rename(command.Name);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class RenameTenantCommandValidator : AbstractValidator<RenameTenantCommand>
{
    public RenameTenantCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(Tenant.NameMaxLength);
}
