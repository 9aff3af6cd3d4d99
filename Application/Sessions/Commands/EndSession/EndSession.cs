namespace VirtuOps.Application.Sessions.Commands.EndSession;

/// <summary>Signs one of the user's browsers out (e.g. a lost phone); the session is refused from its next request.</summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record EndSessionCommand(Guid Id) : ICommand;

public sealed class EndSessionCommandHandler(ICurrentUser currentUser, IApplicationDbContext context, TimeProvider time)
    : ICommandHandler<EndSessionCommand>
{
    public async ValueTask<Unit> Handle(EndSessionCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var session = await context.UserSessions.SingleOrDefaultAsync(s => s.Id == command.Id && s.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("No such session.");
        session.End(time.GetUtcNow());
        await context.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
