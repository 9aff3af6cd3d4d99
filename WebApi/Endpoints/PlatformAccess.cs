using VirtuOps.Application.Common.Models;
using VirtuOps.Application.StaffAudit.Queries.GetPlatformAccess;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>What platform staff did with the owner's tenant, from the staff audit log.</summary>
public sealed class PlatformAccess : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/security/platform-access").WithTags("PlatformAccess").RequireAuthorization();
        group.MapGet("/", GetPlatformAccess)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>Who from the platform (Admin or Support) looked at or changed this tenant's data: newest first, with the reason given; pass <c>nextCursor</c> back as <c>cursor</c> for older entries.</summary>
    public static async Task<Ok<CursorPage<PlatformAccessDto>>> GetPlatformAccess(ISender sender, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetPlatformAccessQuery(cursor, limit), cancellationToken));
}
