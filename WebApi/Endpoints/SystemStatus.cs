using VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;

namespace VirtuOps.WebApi.Endpoints;

public sealed class SystemStatus : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/system").WithTags("System");
        group.MapGet("/status", GetSystemStatus);
    }

    public static async Task<Ok<SystemStatusDto>> GetSystemStatus(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetSystemStatusQuery(), cancellationToken));
}
