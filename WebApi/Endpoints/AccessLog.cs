using VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;
using VirtuOps.Application.Common.Models;

namespace VirtuOps.WebApi.Endpoints;

public sealed class AccessLog : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account/access-log").WithTags("AccessLog").RequireAuthorization();
        group.MapGet("/", GetMyAccessLog)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    /// <summary>The signed-in user's own API requests (time, IP address, browser, device, outcome), newest first.</summary>
    public static async Task<Ok<PaginatedList<AccessLogEntryDto>>> GetMyAccessLog(
        ISender sender, CancellationToken cancellationToken, int pageNumber = 1, int pageSize = 20) =>
        TypedResults.Ok(await sender.Send(new GetMyAccessLogQuery(pageNumber, pageSize), cancellationToken));
}
