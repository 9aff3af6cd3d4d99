namespace VirtuOps.Application.Accounts.Commands.SignOut;

/// <summary>Ends the current session and removes the cookie.</summary>
public sealed record SignOutCommand : ICommand;

public sealed class SignOutCommandHandler(ISignInService signIn) : ICommandHandler<SignOutCommand>
{
    public async ValueTask<Unit> Handle(SignOutCommand command, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync(cancellationToken);
        return Unit.Value;
    }
}
