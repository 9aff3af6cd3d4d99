using VirtuOps.Application.Knowledge.Commands.DeleteKnowledgeEntry;
using VirtuOps.Application.Knowledge.Commands.UpdateKnowledgeEntry;
using VirtuOps.Application.Knowledge.Common;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>One knowledge entry, addressed by its own id.</summary>
public sealed class Knowledge : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge").WithTags("Knowledge")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateKnowledgeEntry);
        group.MapDelete("/{id:guid}", DeleteKnowledgeEntry);
    }

    public static async Task<Ok<KnowledgeEntryDto>> UpdateKnowledgeEntry(ISender sender, Guid id, Bots.KnowledgeEntryRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new UpdateKnowledgeEntryCommand(id, request.Questions, request.Answer), cancellationToken));

    public static async Task<NoContent> DeleteKnowledgeEntry(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteKnowledgeEntryCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
