using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Commands.ResetPassword;

/// <summary>
/// Sets a new password from an e-mailed link (also how an invited agent sets their first password). A link works
/// once. Every session ends, this browser's too: whoever knew the old password is signed out everywhere.
/// </summary>
public sealed record ResetPasswordCommand(Guid UserId, string Token, string NewPassword) : ICommand;

public sealed class ResetPasswordCommandHandler(IIdentityService identity, ISignInService signIn) : ICommandHandler<ResetPasswordCommand>
{
    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        if (!await identity.ResetPasswordAsync(command.UserId, command.Token, command.NewPassword, cancellationToken))
            throw ValidationException.ForField("token", "This link is invalid, expired or already used. Ask for a new one.");
        await signIn.EndSessionsAsync(command.UserId, keepThisBrowser: false, cancellationToken);
        return Unit.Value;
    }
}

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Token).NotEmpty();
        RuleFor(c => c.NewPassword).StrongPassword();
    }
}
