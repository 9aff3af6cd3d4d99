using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Tenants.Commands.SetMessageRetention;

/// <summary>
/// The owner decides how long the message history of their customers is kept (the tenant is those customers'
/// controller): 30 days or more, or null for no limit. The nightly retention purge deletes older messages.
/// </summary>
[Authorize(Roles = Roles.Owner)]
public sealed record SetMessageRetentionCommand(int? Days) : ICommand;

public sealed class SetMessageRetentionCommandHandler(ICurrentUser currentUser, IApplicationDbContext context) : ICommandHandler<SetMessageRetentionCommand>
{
    public async ValueTask<Unit> Handle(SetMessageRetentionCommand command, CancellationToken cancellationToken)
    {
        var tenant = await context.Tenants.SingleOrDefaultAsync(t => t.Id == currentUser.TenantId, cancellationToken)
            ?? throw new NotFoundException("No tenant.");
        tenant.SetMessageRetention(command.Days);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed class SetMessageRetentionCommandValidator : AbstractValidator<SetMessageRetentionCommand>
{
    public SetMessageRetentionCommandValidator() =>
        RuleFor(c => c.Days).InclusiveBetween(Tenant.MinMessageRetentionDays, Tenant.MaxMessageRetentionDays).When(c => c.Days is not null);
}
