using System.Globalization;
using VirtuOps.Domain.Incidents;

namespace VirtuOps.Application.Incidents.Common;

/// <summary>
/// The breach notice e-mailed to an affected owner. No language is stored for a person, so it is in Uzbek, Russian and
/// English at once (as the other account e-mails are); the description is as staff wrote it.
/// </summary>
public sealed class IncidentMail(IEmailSender email)
{
    private static readonly Dictionary<IncidentDataCategories, (string Uz, string Ru, string En)> CategoryNames = new()
    {
        [IncidentDataCategories.AccountDetails] = ("hisob maʼlumotlari", "данные аккаунта", "account details"),
        [IncidentDataCategories.ContactDetails] = ("mijozlaringiz kontaktlari", "контакты ваших клиентов", "your customers' contact details"),
        [IncidentDataCategories.Messages] = ("yozishmalar", "переписка", "conversations"),
        [IncidentDataCategories.Knowledge] = ("bilimlar bazasi", "база знаний", "knowledge"),
        [IncidentDataCategories.PaymentData] = ("toʻlov maʼlumotlari", "платёжные данные", "payment data"),
        [IncidentDataCategories.ChannelCredentials] = ("kanal ulanish kalitlari", "ключи подключения каналов", "channel credentials"),
    };

    public Task SendAsync(string address, Incident incident, CancellationToken cancellationToken)
    {
        var categories = IncidentProjections.Split(incident.DataCategories).Select(c => CategoryNames[c]).ToList();
        var discovered = incident.DiscoveredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return email.SendAsync(new EmailMessage(address, $"VirtuOps: xavfsizlik hodisasi / Инцидент безопасности / Security incident: {incident.Title}",
            $"""
            VirtuOps maʼlumotlaringizga taʼsir qilgan xavfsizlik hodisasi haqida xabar beradi.
            Nima boʻldi: {incident.Description}
            Aniqlangan vaqt: {discovered}
            Taʼsirlangan maʼlumotlar: {string.Join(", ", categories.Select(c => c.Uz))}
            Batafsil maʼlumot va tasdiqlash uchun VirtuOps hisobingizga kiring.

            VirtuOps сообщает об инциденте безопасности, затронувшем ваши данные.
            Что произошло: {incident.Description}
            Обнаружен: {discovered}
            Затронутые данные: {string.Join(", ", categories.Select(c => c.Ru))}
            Войдите в VirtuOps, чтобы прочитать уведомление и подтвердить его.

            VirtuOps is informing you of a security incident that affected your data.
            What happened: {incident.Description}
            Discovered: {discovered}
            Data affected: {string.Join(", ", categories.Select(c => c.En))}
            Sign in to VirtuOps to read the notice and acknowledge it.
            """), cancellationToken);
    }
}
