using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Commands.SignInWithCode;

/// <summary>Second step of a two-factor sign-in: the SMS code completes it and starts the session.</summary>
public sealed record SignInWithCodeCommand(string Code) : ICommand;

public sealed class SignInWithCodeCommandHandler(ISignInService signIn, OneTimeCodes codes) : ICommandHandler<SignInWithCodeCommand>
{
    public async ValueTask<Unit> Handle(SignInWithCodeCommand command, CancellationToken cancellationToken)
    {
        var pending = await signIn.GetPendingTwoFactorAsync()
            ?? throw new SignInRequiredException("The sign-in has expired. Enter your e-mail and password again.");

        await codes.VerifyAsync(pending.UserId, OneTimeCodePurpose.SignIn, command.Code, cancellationToken);
        await signIn.SignInAsync(pending.UserId, pending.RememberMe, cancellationToken);
        return Unit.Value;
    }
}

public sealed class SignInWithCodeCommandValidator : AbstractValidator<SignInWithCodeCommand>
{
    public SignInWithCodeCommandValidator() => RuleFor(c => c.Code).SixDigitCode();
}
