namespace VirtuOps.Application.AdminTenants.Common;

/// <summary>
/// What the owner is told when staff suspend or reactivate the tenant. No language is stored for a person, so the
/// message is in Uzbek, Russian and English at once (as the other account e-mails are).
/// </summary>
public sealed class TenantAdminMail(IIdentityService identity, IEmailSender email)
{
    public Task SuspendedAsync(Guid tenantId, string reason, CancellationToken cancellationToken) =>
        SendAsync(tenantId, "VirtuOps: hisob to‘xtatildi / Аккаунт приостановлен / Account suspended",
            $"""
            VirtuOps hisobingizni to‘xtatdi. Ma’lumotlar saqlanadi va ko‘rish mumkin, lekin botlar javob bermaydi va hech narsani o‘zgartirib bo‘lmaydi.
            Sabab: {reason}
            Qayta faollashtirish uchun qo‘llab-quvvatlash xizmatiga yozing.

            VirtuOps приостановил ваш аккаунт. Данные сохранены и доступны для просмотра, но боты не отвечают и изменения невозможны.
            Причина: {reason}
            Чтобы возобновить работу, напишите в службу поддержки.

            VirtuOps suspended your account. Your data is kept and can be read, but the bots do not answer and nothing can be changed.
            Reason: {reason}
            Contact our support team to have it reactivated.
            """, cancellationToken);

    public Task ReactivatedAsync(Guid tenantId, CancellationToken cancellationToken) =>
        SendAsync(tenantId, "VirtuOps: hisob qayta faollashtirildi / Аккаунт возобновлён / Account reactivated",
            """
            VirtuOps hisobingizni qayta faollashtirdi: botlar yana javob beradi, to‘xtatilgan vaqtda kelgan xabarlarga ham.

            VirtuOps возобновил ваш аккаунт: боты снова отвечают, в том числе на сообщения, пришедшие во время приостановки.

            VirtuOps reactivated your account: the bots answer again, also the messages that came in while it was suspended.
            """, cancellationToken);

    public Task TwoFactorResetAsync(string address, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(address, "VirtuOps: ikki bosqichli kirish o‘chirildi / Двухэтапный вход отключён / Two-factor sign-in turned off",
            """
            So‘rovingizga ko‘ra VirtuOps qo‘llab-quvvatlash xizmati hisobingizda ikki bosqichli kirishni o‘chirdi va barcha seanslarni yakunladi. Parolingiz bilan kiring va Xavfsizlik sahifasida uni qayta yoqing.
            Agar buni siz so‘ramagan bo‘lsangiz, darhol parolingizni o‘zgartiring va qo‘llab-quvvatlash xizmatiga yozing.

            По вашей просьбе служба поддержки VirtuOps отключила двухэтапный вход в вашем аккаунте и завершила все сеансы. Войдите с паролем и снова включите его на странице «Безопасность».
            Если вы этого не просили, сразу смените пароль и напишите в службу поддержки.

            At your request, VirtuOps support turned off two-factor sign-in on your account and ended all sessions. Sign in with your password and turn it on again on the Security page.
            If you did not ask for this, change your password at once and contact our support team.
            """), cancellationToken);

    private async Task SendAsync(Guid tenantId, string subject, string body, CancellationToken cancellationToken)
    {
        if ((await identity.FindOwnerEmailsAsync([tenantId], cancellationToken)).GetValueOrDefault(tenantId) is { } address)
            await email.SendAsync(new EmailMessage(address, subject, body), cancellationToken);
    }
}
