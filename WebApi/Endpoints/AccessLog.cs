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

    /// <summary>The signed-in user's own API requests (time, IP address, browser, device, outcome), newest first; pass <c>nextCursor</c> back as <c>cursor</c> for older ones.</summary>
    public static async Task<Ok<CursorPage<AccessLogEntryDto>>> GetMyAccessLog(
        ISender sender, CancellationToken cancellationToken, string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetMyAccessLogQuery(cursor, limit), cancellationToken));
}
