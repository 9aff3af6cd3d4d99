using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Incidents.Commands.AssessIncident;
using VirtuOps.Application.Incidents.Commands.CloseIncident;
using VirtuOps.Application.Incidents.Commands.NotifyIncident;
using VirtuOps.Application.Incidents.Commands.RecordIncident;
using VirtuOps.Application.Incidents.Common;
using VirtuOps.Application.Incidents.Queries.GetIncident;
using VirtuOps.Application.Incidents.Queries.GetIncidentDeliveries;
using VirtuOps.Application.Incidents.Queries.GetIncidents;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Security incidents and breach notification (admins only).</summary>
public sealed class AdminIncidents : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/incidents");
        group.MapGet("/", GetIncidents).ProducesValidationProblem();
        group.MapPost("/", RecordIncident).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}", GetIncident).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries", GetIncidentDeliveries).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/assess", AssessIncident).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/notify", NotifyIncident).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/close", CloseIncident).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Incidents, most recently recorded first; pass the previous page's <c>nextCursor</c> as <c>cursor</c> for the next page.</summary>
    public static async Task<Ok<CursorPage<IncidentListItemDto>>> GetIncidents(ISender sender, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetIncidentsQuery(cursor, limit), cancellationToken));

    /// <summary>Record an incident: what happened, when it was discovered, the data it touched, the tenants affected (all, or a list).</summary>
    public static async Task<Created<IncidentDto>> RecordIncident(ISender sender, RecordIncidentCommand command, CancellationToken cancellationToken)
    {
        var incident = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/admin/incidents/{incident.Id}", incident);
    }

    /// <summary>One incident with its timeline (discovered, recorded, assessed, notified, closed) and how far the notice has gone.</summary>
    public static async Task<Ok<IncidentDto>> GetIncident(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetIncidentQuery(id), cancellationToken));

    /// <summary>The notice tenant by tenant: when the owner was e-mailed and when they acknowledged the banner.</summary>
    public static async Task<Ok<CursorPage<IncidentNoticeDeliveryDto>>> GetIncidentDeliveries(ISender sender, Guid id, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetIncidentDeliveriesQuery(id, cursor, limit), cancellationToken));

    /// <summary>Decide, with a reason, whether the affected owners must be notified; can be reconsidered until they are.</summary>
    public static async Task<Ok<IncidentDto>> AssessIncident(ISender sender, Guid id, AssessIncidentCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command with { Id = id }, cancellationToken));

    /// <summary>
    /// Tell every affected owner (an e-mail and a banner until acknowledged). Each tenant is told once however often this
    /// is called; calling it again sends only the e-mails that failed.
    /// </summary>
    public static async Task<Ok<IncidentDto>> NotifyIncident(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new NotifyIncidentCommand(id), cancellationToken));

    /// <summary>Close the incident with a closing note; closing again changes nothing.</summary>
    public static async Task<Ok<IncidentDto>> CloseIncident(ISender sender, Guid id, CloseIncidentCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command with { Id = id }, cancellationToken));
}
