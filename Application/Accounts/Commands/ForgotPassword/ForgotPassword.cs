using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Commands.ForgotPassword;

/// <summary>
/// E-mails a password-reset link. The answer is the same whether or not the address has an account, so the
/// form cannot be used to find out who is a customer.
/// </summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand;

public sealed class ForgotPasswordCommandHandler(IIdentityService identity, IEmailSender email, IOptions<AppLinksOptions> links)
    : ICommandHandler<ForgotPasswordCommand>
{
    public async ValueTask<Unit> Handle(ForgotPasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await identity.FindByEmailAsync(command.Email.Trim(), cancellationToken);
        if (user is null)
            return Unit.Value;

        var token = await identity.CreatePasswordResetTokenAsync(user.Id, cancellationToken);
        var link = links.Value.Link($"/reset-password?userId={user.Id}&token={Uri.EscapeDataString(token)}");
        await email.SendAsync(new EmailMessage(
            user.Email,
            "VirtuOps: parolni tiklash / Password reset",
            $"Parolni yangilash uchun havolani oching / Open the link to set a new password:\n{link}\n\nAgar siz soʻramagan boʻlsangiz, bu xatni eʼtiborsiz qoldiring. / If you did not ask, ignore this e-mail."),
            cancellationToken);
        return Unit.Value;
    }
}

public sealed class ForgotPasswordCommandValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty().EmailAddress();
}
