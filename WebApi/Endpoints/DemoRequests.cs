using VirtuOps.Application.Common.Models;
using VirtuOps.Application.DemoRequests.Commands.CreateDemoRequest;
using VirtuOps.Application.DemoRequests.Queries.GetDemoRequests;

namespace VirtuOps.WebApi.Endpoints;

public sealed class DemoRequests : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/demo-requests").WithTags("DemoRequests");
        group.MapPost("/", CreateDemoRequest).RequireRateLimiting(RateLimits.DemoRequests)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/", GetDemoRequests).RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static async Task<Created<Guid>> CreateDemoRequest(ISender sender, CreateDemoRequestCommand command, CancellationToken cancellationToken)
    {
        var id = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/demo-requests/{id}", id);
    }

    public static async Task<Ok<PaginatedList<DemoRequestDto>>> GetDemoRequests(
        ISender sender, CancellationToken cancellationToken, int pageNumber = 1, int pageSize = 20) =>
        TypedResults.Ok(await sender.Send(new GetDemoRequestsQuery(pageNumber, pageSize), cancellationToken));
}
