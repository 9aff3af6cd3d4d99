using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Commands.ConfirmRegistration;

/// <summary>
/// Completes a sign-up from the link e-mailed to its address: the account can sign in from now on, this browser is
/// signed in and a code is texted to verify the phone. A link works once.
/// </summary>
public sealed record ConfirmRegistrationCommand(Guid UserId, string Token) : ICommand;

public sealed class ConfirmRegistrationCommandHandler(IIdentityService identity, ISignInService signIn, OneTimeCodes codes)
    : ICommandHandler<ConfirmRegistrationCommand>
{
    public async ValueTask<Unit> Handle(ConfirmRegistrationCommand command, CancellationToken cancellationToken)
    {
        if (!await identity.ConfirmRegistrationAsync(command.UserId, command.Token, cancellationToken))
            throw ValidationException.ForField("token", "This link is invalid, expired or already used. Sign in, or sign up again.");

        await signIn.SignInAsync(command.UserId, rememberMe: false, cancellationToken);
        var user = await identity.FindByIdAsync(command.UserId, cancellationToken) ?? throw new SignInRequiredException();
        if (user.PhoneNumber is { } phone && !user.PhoneNumberConfirmed)
            await codes.SendAsync(user.Id, OneTimeCodePurpose.PhoneVerification, phone, cancellationToken);
        return Unit.Value;
    }
}

public sealed class ConfirmRegistrationCommandValidator : AbstractValidator<ConfirmRegistrationCommand>
{
    public ConfirmRegistrationCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Token).NotEmpty();
    }
}
