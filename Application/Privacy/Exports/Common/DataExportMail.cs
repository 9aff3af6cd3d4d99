using System.Globalization;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Privacy.Exports.Common;

/// <summary>The "your data export is ready" e-mail, in the language the user asked for the export in.</summary>
public static class DataExportMail
{
    public static EmailMessage Ready(string to, DataExport export, Uri link, string privacyEmail)
    {
        var expires = export.ExpiresAt!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return export.Language switch
        {
            UserLanguage.Ru => new EmailMessage(to,
                "VirtuOps: ваши данные готовы к скачиванию",
                $"Копия ваших данных, которую вы запросили, готова. Скачайте её в Центре конфиденциальности (нужно войти в аккаунт):\n{link}\n\nСсылка действует до {expires}; затем файл удаляется.\nЕсли вы не запрашивали копию, смените пароль и напишите в поддержку: {privacyEmail}."),
            UserLanguage.En => new EmailMessage(to,
                "VirtuOps: your data export is ready",
                $"The copy of your data you asked for is ready. Download it from the Privacy centre (you need to be signed in):\n{link}\n\nThe link works until {expires}; then the file is deleted.\nIf you did not ask for it, change your password and write to {privacyEmail}."),
            _ => new EmailMessage(to,
                "VirtuOps: maʼlumotlaringiz yuklab olishga tayyor",
                $"Soʻragan maʼlumotlaringiz nusxasi tayyor. Uni Maxfiylik markazidan yuklab oling (hisobingizga kirgan boʻlishingiz kerak):\n{link}\n\nHavola {expires} gacha ishlaydi; keyin fayl oʻchiriladi.\nAgar siz soʻramagan boʻlsangiz, parolingizni almashtiring va {privacyEmail} manziliga yozing."),
        };
    }
}
