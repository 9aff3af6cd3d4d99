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

    /// <summary>Who from the platform (Admin or Support) looked at or changed this tenant's data: newest first, with the reason given.</summary>
    public static async Task<Ok<CursorPage<PlatformAccessDto>>> GetPlatformAccess(ISender sender, CancellationToken cancellationToken,
        long? cursor = null, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new GetPlatformAccessQuery(cursor, pageSize), cancellationToken));
}
