using VirtuOps.Application.Team.Commands.InviteAgent;
using VirtuOps.Application.Team.Commands.RemoveTeamMember;
using VirtuOps.Application.Team.Queries.GetTeamMembers;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>The tenant's people: the owner invites and removes agents.</summary>
public sealed class Team : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/team").WithTags("Team")
            .RequireAuthorization().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/members", GetTeamMembers).AllowApiKeys();
        group.MapPost("/invitations", InviteAgent).RequireRateLimiting(RateLimits.Email)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/members/{id:guid}", RemoveTeamMember).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<IReadOnlyList<TeamMemberDto>>> GetTeamMembers(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetTeamMembersQuery(), cancellationToken));

    public static async Task<Created<Guid>> InviteAgent(ISender sender, InviteAgentCommand command, CancellationToken cancellationToken)
    {
        var id = await sender.Send(command, cancellationToken);
        return TypedResults.Created($"/api/team/members/{id}", id);
    }

    public static async Task<NoContent> RemoveTeamMember(ISender sender, Guid id, CancellationToken cancellationToken)
    {
        await sender.Send(new RemoveTeamMemberCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
