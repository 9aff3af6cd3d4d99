using VirtuOps.Application.AccessGrants.Commands.GrantStaffAccess;
using VirtuOps.Application.AccessGrants.Commands.RevokeStaffAccess;
using VirtuOps.Application.AccessGrants.Common;
using VirtuOps.Application.AccessGrants.Queries.GetStaffAccessGrant;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The owner's permission for platform staff to read the tenant's conversations and knowledge.</summary>
public sealed class StaffAccess : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/security/staff-access").WithTags("StaffAccess")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetStaffAccessGrant);
        group.MapPost("/", GrantStaffAccess).ProducesValidationProblem();
        group.MapDelete("/", RevokeStaffAccess);
    }

    /// <summary>The grant running now; <c>grant</c> is null when platform staff have no access to the tenant's conversations and knowledge.</summary>
    public static async Task<Ok<StaffAccessDto>> GetStaffAccessGrant(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetStaffAccessGrantQuery(), cancellationToken));

    /// <summary>Let platform staff read the conversations and knowledge for 1 to 168 hours, for the reason given; replaces a running grant.</summary>
    public static async Task<Ok<StaffAccessGrantDto>> GrantStaffAccess(ISender sender, GrantStaffAccessCommand command, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(command, cancellationToken));

    /// <summary>End the running grant now; without one it does nothing.</summary>
    public static async Task<NoContent> RevokeStaffAccess(ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new RevokeStaffAccessCommand(), cancellationToken);
        return TypedResults.NoContent();
    }
}
