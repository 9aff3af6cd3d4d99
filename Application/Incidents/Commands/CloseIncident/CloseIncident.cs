using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.Incidents.Commands.CloseIncident;

/// <summary>Closes an assessed incident with a closing note; closing again changes nothing. Admins only.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record CloseIncidentCommand(Guid Id, string Note) : ICommand<IncidentDto>;

public sealed class CloseIncidentCommandHandler(IApplicationDbContext context, IStaffAuditTrail trail, TimeProvider time)
    : ICommandHandler<CloseIncidentCommand, IncidentDto>
{
    public async ValueTask<IncidentDto> Handle(CloseIncidentCommand command, CancellationToken cancellationToken)
    {
        trail.Because(command.Note);
        var incident = await context.Incidents.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such incident.");
        incident.Close(command.Note, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        return await incident.ToDtoAsync(context, cancellationToken);
    }
}

public sealed class CloseIncidentCommandValidator : AbstractValidator<CloseIncidentCommand>
{
    public CloseIncidentCommandValidator() => RuleFor(c => c.Note).NotEmpty().MaximumLength(Incident.ReasonMaxLength);
}
