using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.Incidents.Commands.AssessIncident;

/// <summary>Decides, with the reason for the record, whether the affected owners must be notified. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record AssessIncidentCommand(Guid Id, bool NotificationRequired, string Reason) : ICommand<IncidentDto>;

public sealed class AssessIncidentCommandHandler(IApplicationDbContext context, IStaffAuditTrail trail, TimeProvider time)
    : ICommandHandler<AssessIncidentCommand, IncidentDto>
{
    public async ValueTask<IncidentDto> Handle(AssessIncidentCommand command, CancellationToken cancellationToken)
    {
        trail.Because(command.Reason);
        var incident = await context.Incidents.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such incident.");
        incident.Assess(command.NotificationRequired, command.Reason, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        return await incident.ToDtoAsync(context, cancellationToken);
    }
}

public sealed class AssessIncidentCommandValidator : AbstractValidator<AssessIncidentCommand>
{
    public AssessIncidentCommandValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(Incident.ReasonMaxLength);
}
