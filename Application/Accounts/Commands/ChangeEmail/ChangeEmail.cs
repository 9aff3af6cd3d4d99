using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Commands.ChangeEmail;

/// <summary>Asks to move the account to a new e-mail address; it changes only when the link sent there is opened.</summary>
[Authorize]
public sealed record ChangeEmailCommand(string NewEmail) : ICommand;

public sealed class ChangeEmailCommandHandler(ICurrentUser currentUser, IIdentityService identity, IEmailSender email, IOptions<AppLinksOptions> links)
    : ICommandHandler<ChangeEmailCommand>
{
    public async ValueTask<Unit> Handle(ChangeEmailCommand command, CancellationToken cancellationToken)
    {
        var newEmail = command.NewEmail.Trim();
        if (await identity.FindByEmailAsync(newEmail, cancellationToken) is not null)
            throw new ConflictException("Another account already uses this e-mail address.");

        var userId = currentUser.UserId ?? throw new UnauthorizedAccessException();
        var token = await identity.CreateChangeEmailTokenAsync(userId, newEmail, cancellationToken);
        var link = links.Value.Link($"/confirm-email?userId={userId}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}");
        await email.SendAsync(new EmailMessage(
            newEmail,
            "VirtuOps: yangi e-pochtani tasdiqlang / Confirm your new e-mail",
            $"Yangi manzilni tasdiqlash uchun havolani oching / Open the link to confirm the new address:\n{link}"),
            cancellationToken);
        return Unit.Value;
    }
}

public sealed class ChangeEmailCommandValidator : AbstractValidator<ChangeEmailCommand>
{
    public ChangeEmailCommandValidator() => RuleFor(c => c.NewEmail).NotEmpty().EmailAddress().MaximumLength(254);
}
