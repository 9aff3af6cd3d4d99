using VirtuOps.Domain.Common;

namespace VirtuOps.Application.IncidentNotices.Commands.AcknowledgeIncidentNotice;

/// <summary>The owner has read the notice: its banner goes away. Acknowledging again changes nothing.</summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record AcknowledgeIncidentNoticeCommand(Guid Id) : ICommand;

public sealed class AcknowledgeIncidentNoticeCommandHandler(IApplicationDbContext context, ICurrentUser user, TimeProvider time)
    : ICommandHandler<AcknowledgeIncidentNoticeCommand>
{
    public async ValueTask<Unit> Handle(AcknowledgeIncidentNoticeCommand command, CancellationToken cancellationToken)
    {
        // The tenant filter makes another tenant's notice look like none: 404.
        var notice = await context.IncidentNotices.SingleOrDefaultAsync(n => n.Id == command.Id, cancellationToken)
            ?? throw new NotFoundException("No such notice.");
        notice.Acknowledge(user.UserId!.Value, time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
