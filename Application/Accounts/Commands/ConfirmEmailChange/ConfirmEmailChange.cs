namespace VirtuOps.Application.Accounts.Commands.ConfirmEmailChange;

/// <summary>
/// Completes an e-mail change from the link sent to the new address. A link works once. Every other session ends;
/// the browser that confirmed stays signed in if it was signed in as this user.
/// </summary>
public sealed record ConfirmEmailChangeCommand(Guid UserId, string NewEmail, string Token) : ICommand;

public sealed class ConfirmEmailChangeCommandHandler(IIdentityService identity, ISignInService signIn) : ICommandHandler<ConfirmEmailChangeCommand>
{
    public async ValueTask<Unit> Handle(ConfirmEmailChangeCommand command, CancellationToken cancellationToken)
    {
        if (!await identity.ChangeEmailAsync(command.UserId, command.NewEmail.Trim(), command.Token, cancellationToken))
            throw ValidationException.ForField("token", "This link is invalid, expired or already used.");
        await signIn.EndSessionsAsync(command.UserId, keepThisBrowser: true, cancellationToken);
        return Unit.Value;
    }
}

public sealed class ConfirmEmailChangeCommandValidator : AbstractValidator<ConfirmEmailChangeCommand>
{
    public ConfirmEmailChangeCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.NewEmail).NotEmpty().EmailAddress();
        RuleFor(c => c.Token).NotEmpty();
    }
}
