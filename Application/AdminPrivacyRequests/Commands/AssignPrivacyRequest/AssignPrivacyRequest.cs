using VirtuOps.Domain.Common;
using VirtuOps.Application.AdminPrivacyRequests.Common;

namespace VirtuOps.Application.AdminPrivacyRequests.Commands.AssignPrivacyRequest;

/// <summary>The calling staff member takes the request on; it shows as in progress with their name. Taking it again changes nothing.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record AssignPrivacyRequestCommand(Guid Id) : ICommand;

public sealed class AssignPrivacyRequestCommandHandler(IApplicationDbContext context, StaffPrivacyRequests requests, ICurrentUser currentUser)
    : ICommandHandler<AssignPrivacyRequestCommand>
{
    public async ValueTask<Unit> Handle(AssignPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var staffId = currentUser.UserId ?? throw new SignInRequiredException();
        var request = await requests.FindAsync(command.Id, "Took on the data-subject request", cancellationToken);
        request.AssignTo(staffId);
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
