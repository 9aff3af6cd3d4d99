using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Common.Concurrency;
using VirtuOps.Application.Knowledge.Commands.DeleteKnowledgeEntry;
using VirtuOps.Application.Knowledge.Commands.UpdateKnowledgeEntry;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Knowledge.Queries.GetKnowledgeEntry;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>One knowledge entry, addressed by its own id.</summary>
public sealed class Knowledge : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge").WithTags("Knowledge")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetKnowledgeEntry);
        group.MapPut("/{id:guid}", UpdateKnowledgeEntry).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id:guid}", DeleteKnowledgeEntry).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public static async Task<Ok<KnowledgeEntryDto>> GetKnowledgeEntry(ISender sender, HttpResponse response, Guid id, CancellationToken cancellationToken)
    {
        var entry = await sender.Send(new GetKnowledgeEntryQuery(id), cancellationToken);
        response.Headers.ETag = EntityTags.Of(entry.Version);
        return TypedResults.Ok(entry);
    }

    /// <summary>Updates an entry; with If-Match (its ETag) only if nobody changed it since, else 412.</summary>
    public static async Task<Ok<KnowledgeEntryDto>> UpdateKnowledgeEntry(ISender sender, HttpResponse response, Guid id, Bots.KnowledgeEntryRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        var entry = await sender.Send(new UpdateKnowledgeEntryCommand(id, request.Questions, request.Answer, ifMatch), cancellationToken);
        response.Headers.ETag = EntityTags.Of(entry.Version);
        return TypedResults.Ok(entry);
    }

    public static async Task<NoContent> DeleteKnowledgeEntry(ISender sender, Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteKnowledgeEntryCommand(id, ifMatch), cancellationToken);
        return TypedResults.NoContent();
    }
}
