using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Commands.ChangePassword;

/// <summary>
/// The signed-in person sets a new password by typing the current one. Wrong current passwords count towards the
/// sign-in lockout of the address, so a borrowed session cannot guess the password. Every other session ends; this
/// browser stays signed in. The address gets a notice, with a way back in should it not have been its owner.
/// </summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : ICommand;

public sealed class ChangePasswordCommandHandler(
    ICurrentUser currentUser,
    IIdentityService identity,
    ISignInService signIn,
    IEmailSender email,
    IOptions<AppLinksOptions> links) : ICommandHandler<ChangePasswordCommand>
{
    private const string WrongPassword = "The current password is wrong.";

    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var account = await identity.FindByIdAsync(userId, cancellationToken) ?? throw new SignInRequiredException();

        var (result, _, lockedFor) = await signIn.CheckPasswordAsync(account.Email, command.CurrentPassword, cancellationToken);
        if (result == PasswordCheckResult.LockedOut)
            throw new TooManyRequestsException("Too many wrong passwords for this account. Try again later or set a new password from the e-mailed link.", lockedFor);
        if (result != PasswordCheckResult.Succeeded
            || !await identity.ChangePasswordAsync(userId, command.CurrentPassword, command.NewPassword, cancellationToken))
            throw ValidationException.ForField("currentPassword", WrongPassword);

        await signIn.EndSessionsAsync(userId, keepThisBrowser: true, cancellationToken);

        var newPasswordLink = links.Value.Link("/forgot-password");
        await email.SendAsync(new EmailMessage(
            account.Email,
            "VirtuOps: parolingiz oʻzgartirildi / Ваш пароль изменён / Your password was changed",
            "VirtuOps hisobingiz paroli oʻzgartirildi va boshqa barcha qurilmalardagi seanslar yakunlandi. " +
            "Agar buni siz qilmagan boʻlsangiz, darhol yangi parol oʻrnating:\n" +
            $"{newPasswordLink}\n\n" +
            "Пароль вашей учётной записи VirtuOps изменён, сеансы на всех других устройствах завершены. " +
            "Если это были не вы, сразу задайте новый пароль:\n" +
            $"{newPasswordLink}\n\n" +
            "The password of your VirtuOps account was changed and the sessions on every other device were ended. " +
            "If this was not you, set a new password now:\n" +
            $"{newPasswordLink}"),
            cancellationToken);
        return Unit.Value;
    }
}

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(128);
        RuleFor(c => c.NewPassword)
            .StrongPassword()
            .NotEqual(c => c.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}
