using VirtuOps.Application.IncidentNotices.Commands.AcknowledgeIncidentNotice;
using VirtuOps.Application.IncidentNotices.Queries.GetIncidentNotices;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>Security incident notices to the owner: shown as a banner until acknowledged.</summary>
public sealed class IncidentNotices : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/incident-notices").WithTags("IncidentNotices")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetIncidentNotices);
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeIncidentNotice).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The notices the owner has not acknowledged yet, oldest first.</summary>
    public static async Task<Ok<IReadOnlyList<IncidentNoticeDto>>> GetIncidentNotices(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetIncidentNoticesQuery(), cancellationToken));

    /// <summary>The owner has read the notice: its banner goes away; acknowledging again changes nothing.</summary>
    public static async Task<NoContent> AcknowledgeIncidentNotice(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new AcknowledgeIncidentNoticeCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
