namespace VirtuOps.Application.Accounts.Commands.ConfirmEmailChange;

/// <summary>Completes an e-mail change from the link sent to the new address. A link works once.</summary>
public sealed record ConfirmEmailChangeCommand(Guid UserId, string NewEmail, string Token) : ICommand;

public sealed class ConfirmEmailChangeCommandHandler(IIdentityService identity) : ICommandHandler<ConfirmEmailChangeCommand>
{
    public async ValueTask<Unit> Handle(ConfirmEmailChangeCommand command, CancellationToken cancellationToken)
    {
        if (!await identity.ChangeEmailAsync(command.UserId, command.NewEmail.Trim(), command.Token, cancellationToken))
            throw ValidationException.ForField("token", "This link is invalid, expired or already used.");
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
