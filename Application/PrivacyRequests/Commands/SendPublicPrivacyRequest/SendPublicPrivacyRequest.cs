using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Application.PrivacyRequests.Commands.SendPublicPrivacyRequest;

/// <summary>
/// Someone without an account (or signed out) sends a request from <c>/privacy-request</c>. Nothing is recorded as a
/// request yet: a link goes to the address typed, and opening it (<c>ConfirmPublicPrivacyRequest</c>) records the
/// request, so only the holder of an address can make requests in its name.
/// </summary>
public sealed record SendPublicPrivacyRequestCommand(string Email, PrivacyRequestKind Kind, string Text) : ICommand;

public sealed class SendPublicPrivacyRequestCommandHandler(
    IApplicationDbContext context, ISecretHasher hasher, IEmailSender email, IOptions<AppLinksOptions> links, TimeProvider time)
    : ICommandHandler<SendPublicPrivacyRequestCommand>
{
    public async ValueTask<Unit> Handle(SendPublicPrivacyRequestCommand command, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // The token is random and long, so the fast lookup hash (as for API keys) is enough.
        var unconfirmed = UnconfirmedPrivacyRequest.Send(command.Kind, command.Email, command.Text, hasher.HashApiKey(token), time.GetUtcNow());
        context.UnconfirmedPrivacyRequests.Add(unconfirmed);
        await context.SaveChangesAsync(cancellationToken);

        var link = links.Value.Link($"/privacy-request/confirm?id={unconfirmed.Id}&token={token}");
        await email.SendAsync(new EmailMessage(
            unconfirmed.Email,
            "VirtuOps: soʻrovingizni tasdiqlang / Подтвердите ваш запрос / Confirm your privacy request",
            "Shaxsiy maʼlumotlar boʻyicha soʻrovingizni yuborish uchun 24 soat ichida havolani oching. / " +
            "Откройте ссылку в течение 24 часов, чтобы отправить ваш запрос о персональных данных. / " +
            "Open the link within 24 hours to send your personal-data request:\n" +
            $"{link}\n\n" +
            "Agar siz soʻramagan boʻlsangiz, bu xatni eʼtiborsiz qoldiring. / Если вы ничего не отправляли, не обращайте внимания на это письмо. / " +
            "If you did not send it, ignore this e-mail."),
            cancellationToken);
        return Unit.Value;
    }
}

public sealed class SendPublicPrivacyRequestCommandValidator : AbstractValidator<SendPublicPrivacyRequestCommand>
{
    public SendPublicPrivacyRequestCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(PrivacyRequest.EmailMaxLength);
        RuleFor(c => c.Kind).TypedKind();
        RuleFor(c => c.Text).RequestText();
    }
}
