using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Team.Queries.GetTeamMembers;

/// <summary>Everyone in the signed-in user's team.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetTeamMembersQuery : IQuery<IReadOnlyList<TeamMemberDto>>;

public sealed record TeamMemberDto(Guid Id, string FullName, string Email, string Role, bool PhoneNumberConfirmed);

public sealed class GetTeamMembersQueryHandler(ICurrentUser currentUser, IIdentityService identity)
    : IQueryHandler<GetTeamMembersQuery, IReadOnlyList<TeamMemberDto>>
{
    public async ValueTask<IReadOnlyList<TeamMemberDto>> Handle(GetTeamMembersQuery query, CancellationToken cancellationToken)
    {
        var members = await identity.ListTenantUsersAsync(currentUser.TenantId!.Value, cancellationToken);
        return members
            .Select(m => new TeamMemberDto(m.Id, m.FullName, m.Email, m.Roles.Contains(Roles.Owner) ? Roles.Owner : Roles.Agent, m.PhoneNumberConfirmed))
            .ToList();
    }
}
