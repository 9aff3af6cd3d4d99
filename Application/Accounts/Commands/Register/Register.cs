using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.Common.Phones;
using VirtuOps.Application.Partners.Common;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Accounts.Commands.Register;

/// <summary>
/// A business signs up: its tenant and Owner account are created and both acceptances recorded, and a link to confirm
/// the e-mail address is sent to it; opening that link (<c>ConfirmRegistration</c>) signs the owner in and texts the
/// phone code. An address that already has an account gets the same answer, so the form cannot be used to find out
/// who is a customer; its owner is told of the attempt by e-mail instead. A partner's <see cref="ReferralCode"/> (the
/// <c>?ref=</c> of the link the visitor first came with) attributes the new tenant to that partner.
/// </summary>
public sealed record RegisterCommand(
    string FullName,
    string Email,
    string Password,
    string PhoneNumber,
    string CompanyName,
    string? AcceptedPrivacyPolicyVersion,
    string? AcceptedPublicOfferVersion,
    string? ReferralCode = null) : ICommand;

public sealed class RegisterCommandHandler(
    IApplicationDbContext context,
    IIdentityService identity,
    IEmailSender email,
    IClientInfo client,
    IOptions<LegalDocumentsOptions> legal,
    IOptions<AppLinksOptions> links,
    IOptions<BillingOptions> billing,
    Referrals referrals,
    TimeProvider time) : ICommandHandler<RegisterCommand>
{
    public async ValueTask<Unit> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        var address = command.Email.Trim();
        if (await identity.FindByEmailAsync(address, cancellationToken) is { } existing)
        {
            // Creating an account hashes the password; so does this answer, so both take about as long.
            identity.HashPasswordForNobody(command.Password);
            await TellOwnerOfTheAttemptAsync(existing, cancellationToken);
            return Unit.Value;
        }

        var phone = MobilePhoneNumbers.ToE164Mobile(command.PhoneNumber)!;
        var tenant = Tenant.Create(command.CompanyName);
        context.Tenants.Add(tenant);

        var userId = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        context.ConsentRecords.Add(ConsentRecord.Grant(userId, tenant.Id, ConsentKind.PrivacyPolicy, legal.Value.PrivacyPolicyVersion, now, client.IpAddress, client.UserAgent));
        context.ConsentRecords.Add(ConsentRecord.Grant(userId, tenant.Id, ConsentKind.PublicOffer, legal.Value.PublicOfferVersion, now, client.IpAddress, client.UserAgent));
        // Every sign-up tries the default plan without a card; the trial job asks for one as the end nears.
        context.Subscriptions.Add(Subscription.StartTrial(tenant.Id, billing.Value.DefaultPlanDefinition.Code, now, billing.Value.TrialDays));
        await referrals.AttributeAsync(command.ReferralCode, tenant.Id, address, phone, now, cancellationToken);
        await identity.CreateUserAsync(userId, tenant.Id, command.FullName.Trim(), address, command.Password, phone, Roles.Owner, cancellationToken);

        var token = await identity.CreateRegistrationTokenAsync(userId, cancellationToken);
        var link = links.Value.Link($"/confirm-registration?userId={userId}&token={Uri.EscapeDataString(token)}");
        await email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: roʻyxatdan oʻtishni tasdiqlang / Подтвердите регистрацию / Confirm your sign-up",
            "Roʻyxatdan oʻtishni yakunlash uchun havolani oching. / Откройте ссылку, чтобы завершить регистрацию. / Open the link to finish signing up:\n" +
            $"{link}\n\n" +
            "Agar siz roʻyxatdan oʻtmagan boʻlsangiz, bu xatni eʼtiborsiz qoldiring. / Если вы не регистрировались, не обращайте внимания на это письмо. / If you did not sign up, ignore this e-mail."),
            cancellationToken);
        return Unit.Value;
    }

    private async Task TellOwnerOfTheAttemptAsync(UserAccount owner, CancellationToken cancellationToken)
    {
        var token = await identity.CreatePasswordResetTokenAsync(owner.Id, cancellationToken);
        var resetLink = links.Value.Link($"/reset-password?userId={owner.Id}&token={Uri.EscapeDataString(token)}");
        var signInLink = links.Value.Link("/sign-in");
        await email.SendAsync(new EmailMessage(
            owner.Email,
            "VirtuOps: bu manzil bilan hisob allaqachon bor / Для этого адреса уже есть учётная запись / This address already has an account",
            "Kimdir (balki siz) shu elektron pochta bilan VirtuOps’da roʻyxatdan oʻtmoqchi boʻldi, lekin unda hisob allaqachon bor. " +
            "Hisobingizga kiring yoki parolni unutgan boʻlsangiz, yangisini oʻrnating. Agar bu siz boʻlmasangiz, hech narsa qilish shart emas.\n\n" +
            "Кто-то (возможно, вы) пытался зарегистрироваться в VirtuOps с этим адресом, но для него уже есть учётная запись. " +
            "Войдите в неё или, если забыли пароль, задайте новый. Если это были не вы, ничего делать не нужно.\n\n" +
            "Someone (perhaps you) tried to sign up for VirtuOps with this e-mail address, but it already has an account. " +
            "Sign in, or set a new password if you forgot it. If it was not you, there is nothing to do.\n\n" +
            $"Yangi parol / Новый пароль / New password: {resetLink}\n" +
            $"Kirish / Вход / Sign in: {signInLink}"),
            cancellationToken);
    }
}
