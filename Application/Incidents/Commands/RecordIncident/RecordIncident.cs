using VirtuOps.Application.Incidents.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.Incidents.Commands.RecordIncident;

/// <summary>
/// Records a security incident: what happened, when it was discovered, the data it touched and the tenants affected
/// (all of them, or those listed). Nobody is told yet: it is assessed first. Admins only.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record RecordIncidentCommand(
    string Title,
    string Description,
    DateTimeOffset DiscoveredAt,
    IReadOnlyList<IncidentDataCategories> DataCategories,
    bool AllTenants,
    IReadOnlyList<Guid>? TenantIds) : ICommand<IncidentDto>;

public sealed class RecordIncidentCommandHandler(IApplicationDbContext context, TimeProvider time) : ICommandHandler<RecordIncidentCommand, IncidentDto>
{
    public async ValueTask<IncidentDto> Handle(RecordIncidentCommand command, CancellationToken cancellationToken)
    {
        var tenantIds = (command.TenantIds ?? []).Distinct().ToList();
        var known = await context.Tenants.CountAsync(t => tenantIds.Contains(t.Id), cancellationToken);
        if (known != tenantIds.Count)
            throw ValidationException.ForField("tenantIds", "One of these is not a tenant's id.");
        var incident = Incident.Record(command.Title, command.Description, command.DiscoveredAt,
            IncidentProjections.Combine(command.DataCategories), command.AllTenants, tenantIds, time.GetUtcNow());
        context.Incidents.Add(incident);
        await context.SaveChangesAsync(cancellationToken);
        return await incident.ToDtoAsync(context, cancellationToken);
    }
}

public sealed class RecordIncidentCommandValidator : AbstractValidator<RecordIncidentCommand>
{
    /// <summary>A longer list is an incident of all tenants.</summary>
    public const int MaxTenantIds = 1000;

    public RecordIncidentCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Incident.TitleMaxLength);
        RuleFor(c => c.Description).NotEmpty().MaximumLength(Incident.DescriptionMaxLength);
        RuleFor(c => c.DiscoveredAt).NotEmpty().Must(at => at <= time.GetUtcNow()).WithMessage("Cannot be in the future.");
        RuleFor(c => c.DataCategories).NotEmpty();
        RuleForEach(c => c.DataCategories).IsInEnum().NotEqual(IncidentDataCategories.None);
        RuleFor(c => c.TenantIds).Empty().When(c => c.AllTenants).WithMessage("List no tenants when all are affected.");
        RuleFor(c => c.TenantIds).NotEmpty().When(c => !c.AllTenants).WithMessage("List the affected tenants, or mark all as affected.");
        RuleFor(c => c.TenantIds!.Count).LessThanOrEqualTo(MaxTenantIds).When(c => c.TenantIds is not null).OverridePropertyName("tenantIds");
    }
}
