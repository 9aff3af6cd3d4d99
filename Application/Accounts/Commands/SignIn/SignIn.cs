using VirtuOps.Application.Common.Phones;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Verification;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Erasure.Common;

namespace VirtuOps.Application.Accounts.Commands.SignIn;

/// <summary>
/// First step of signing in. Without two-factor sign-in the session starts now; with it (opted in, or always for
/// platform staff) a code goes to the verified phone and <see cref="SignInResultDto.RequiresCode"/> is true.
/// </summary>
public sealed record SignInCommand(string Email, string Password, bool RememberMe) : ICommand<SignInResultDto>;

public sealed record SignInResultDto(bool RequiresCode, string? MaskedPhoneNumber);

public sealed class SignInCommandHandler(ISignInService signIn, OneTimeCodes codes, IApplicationDbContext context) : ICommandHandler<SignInCommand, SignInResultDto>
{
    public async ValueTask<SignInResultDto> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var (result, user, lockedFor) = await signIn.CheckPasswordAsync(command.Email.Trim(), command.Password, cancellationToken);
        if (result == PasswordCheckResult.LockedOut)
            throw new TooManyRequestsException("Too many failed sign-ins with this e-mail address. Try again later or reset the password.", lockedFor);
        if (result != PasswordCheckResult.Succeeded || user is null)
            throw new SignInRequiredException("The e-mail or password is wrong.");
        await context.ThrowIfErasurePendingAsync(user.Id, user.TenantId, cancellationToken);

        var isStaff = user.Roles.Contains(Roles.Admin) || user.Roles.Contains(Roles.Support);
        if (!user.TwoFactorEnabled && !isStaff)
        {
            await signIn.SignInAsync(user.Id, command.RememberMe, cancellationToken);
            return new SignInResultDto(RequiresCode: false, MaskedPhoneNumber: null);
        }

        if (user.PhoneNumber is null || !user.PhoneNumberConfirmed)
            throw new ForbiddenAccessException("Two-factor sign-in needs a verified phone number. Contact support.");

        await signIn.BeginTwoFactorAsync(user.Id, command.RememberMe);
        await codes.SendAsync(user.Id, OneTimeCodePurpose.SignIn, user.PhoneNumber, cancellationToken);
        return new SignInResultDto(RequiresCode: true, MobilePhoneNumbers.Mask(user.PhoneNumber));
    }
}

public sealed class SignInCommandValidator : AbstractValidator<SignInCommand>
{
    public SignInCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress();
        RuleFor(c => c.Password).NotEmpty();
    }
}
