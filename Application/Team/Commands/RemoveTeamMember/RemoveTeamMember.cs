using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Team.Commands.RemoveTeamMember;

/// <summary>The owner removes an agent from the team; the account is deleted and its sessions end with it.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record RemoveTeamMemberCommand(Guid Id) : ICommand;

public sealed class RemoveTeamMemberCommandHandler(ICurrentUser currentUser, IIdentityService identity) : ICommandHandler<RemoveTeamMemberCommand>
{
    public async ValueTask<Unit> Handle(RemoveTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var member = await identity.FindByIdAsync(command.Id, cancellationToken);
        if (member is null || member.TenantId != currentUser.TenantId)
            throw new NotFoundException("No such team member.");
        if (member.Id == currentUser.UserId || member.Roles.Contains(Roles.Owner))
            throw new Domain.Exceptions.DomainRuleViolationException("The owner cannot be removed from the team.");

        await identity.DeleteUserAsync(member.Id, cancellationToken);
        return Unit.Value;
    }
}
