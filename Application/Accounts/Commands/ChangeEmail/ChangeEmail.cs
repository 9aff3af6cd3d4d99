using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Commands.ChangeEmail;

/// <summary>
/// Asks to move the account to a new e-mail address; it changes only when the link sent there is opened. An address
/// another account already has gets the same answer (so this cannot find out who is a customer) and, instead of a
/// link, a note that someone tried.
/// </summary>
[Authorize]
public sealed record ChangeEmailCommand(string NewEmail) : ICommand;

public sealed class ChangeEmailCommandHandler(ICurrentUser currentUser, IIdentityService identity, IEmailSender email, IOptions<AppLinksOptions> links)
    : ICommandHandler<ChangeEmailCommand>
{
    public async ValueTask<Unit> Handle(ChangeEmailCommand command, CancellationToken cancellationToken)
    {
        var newEmail = command.NewEmail.Trim();
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        if (await identity.FindByEmailAsync(newEmail, cancellationToken) is { } holder)
        {
            if (holder.Id == userId)
                throw ValidationException.ForField("newEmail", "This is already your e-mail address.");

            await email.SendAsync(new EmailMessage(
                newEmail,
                "VirtuOps: bu manzil bilan hisob allaqachon bor / Для этого адреса уже есть учётная запись / This address already has an account",
                "Kimdir VirtuOps’dagi boshqa hisobni shu manzilga oʻtkazmoqchi boʻldi, lekin unda hisob allaqachon bor. Hech narsa oʻzgarmadi.\n" +
                "Кто-то пытался перенести другую учётную запись VirtuOps на этот адрес, но для него уже есть учётная запись. Ничего не изменилось.\n" +
                "Someone tried to move another VirtuOps account to this address, but it already has an account. Nothing changed."),
                cancellationToken);
            return Unit.Value;
        }

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
