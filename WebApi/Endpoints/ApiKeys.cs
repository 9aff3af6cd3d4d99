using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.ApiKeys.Commands.RevokeApiKey;
using VirtuOps.Application.ApiKeys.Queries.GetApiKeys;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The owner's keys for integrators.</summary>
public sealed class ApiKeys : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-keys").WithTags("ApiKeys")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetApiKeys);
        group.MapPost("/", CreateApiKey);
        group.MapDelete("/{id:guid}", RevokeApiKey).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyDto>>> GetApiKeys(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetApiKeysQuery(), cancellationToken));

    public static async Task<Created<CreatedApiKeyDto>> CreateApiKey(ISender sender, CreateApiKeyCommand command, CancellationToken cancellationToken)
    {
        var created = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/api-keys/{created.Id}", created);
    }

    public static async Task<NoContent> RevokeApiKey(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeApiKeyCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
