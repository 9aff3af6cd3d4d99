using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Erasure.Common;

/// <summary>The e-mails of an erasure, each in Uzbek, Russian and English.</summary>
public sealed class ErasureMail(IEmailSender email, IOptions<AppLinksOptions> links)
{
    public Task ScheduledAsync(string address, ErasureScope scope, DateTimeOffset purgeAfter, CancellationToken cancellationToken)
    {
        var date = $"{purgeAfter:yyyy-MM-dd HH:mm} UTC";
        var cancelLink = links.Value.Link("/sign-in");
        var (uz, ru, en) = scope == ErasureScope.Tenant
            ? ("kompaniyangiz va uning barcha maʼlumotlari", "ваша компания и все её данные", "your company and all its data")
            : ("hisobingiz", "ваша учётная запись", "your account");
        return email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: maʼlumotlarni oʻchirish rejalashtirildi / Удаление данных запланировано / Erasure scheduled",
            $"Soʻrovingizga koʻra {uz} {date} da oʻchiriladi. Hisobdan hamma joyda chiqildi. " +
            $"Bekor qilish uchun shu vaqtgacha kirish sahifasida e-pochta va parolingizni kiriting: {cancelLink}\n\n" +
            $"По вашему запросу {ru} будут удалены {date}. Вы вышли из учётной записи на всех устройствах. " +
            $"Чтобы отменить удаление, до этого времени введите e-mail и пароль на странице входа: {cancelLink}\n\n" +
            $"As you asked, {en} will be erased on {date}. You were signed out everywhere. " +
            $"To cancel, enter your e-mail and password on the sign-in page before then: {cancelLink}"),
            cancellationToken);
    }

    public Task CancelledAsync(string address, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: oʻchirish bekor qilindi / Удаление отменено / Erasure cancelled",
            "Maʼlumotlarni oʻchirish bekor qilindi; hisobingizga yana kirishingiz mumkin. API kalitlari bekor qilingan: kerak boʻlsa, yangilarini yarating.\n\n" +
            "Удаление данных отменено; вы снова можете войти. API-ключи были отозваны: при необходимости создайте новые.\n\n" +
            "The erasure was cancelled; you can sign in again. API keys were revoked: create new ones if you need them."),
            cancellationToken);

    /// <summary>The last e-mail to the address, sent before the address itself is erased.</summary>
    public Task CompletedAsync(string address, CancellationToken cancellationToken) =>
        email.SendAsync(new EmailMessage(
            address,
            "VirtuOps: maʼlumotlaringiz oʻchirildi / Ваши данные удалены / Your data has been erased",
            "Soʻrovingizga koʻra maʼlumotlaringiz oʻchirildi, bu manzil ham. Faqat qonun talab qiladigan toʻlov va fiskal cheklar ismingiz, e-pochta va telefonsiz saqlanadi.\n\n" +
            "По вашему запросу ваши данные удалены, включая этот адрес. По закону сохраняются только платежи и фискальные чеки — без вашего имени, e-mail и телефона.\n\n" +
            "As you asked, your data has been erased, this address included. Only the payments and fiscal receipts the law requires us to keep remain, without your name, e-mail or phone."),
            cancellationToken);
}
