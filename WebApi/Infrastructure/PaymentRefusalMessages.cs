using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Domain.Common;

namespace VirtuOps.WebApi.Infrastructure;

/// <summary>
/// Paylov's error codes (shared docs/paylov.md) as the owner reads them, in uz, ru and en: a refused card or SMS code
/// is 400, a declined charge 422, Paylov not answering 503. The problem keeps the code in a stable <c>code</c>
/// extension (and <c>attemptsLeft</c> after a wrong SMS code) for clients that act on it.
/// </summary>
internal static class PaymentRefusalMessages
{
    private sealed record Text(string Uz, string Ru, string En);

    private static readonly Dictionary<string, Text> Messages = new(StringComparer.Ordinal)
    {
        ["invalid_otp"] = new("SMS kodi notoʻgʻri.", "Неверный код из SMS.", "The SMS code is wrong."),
        ["otp_expired"] = new("SMS kodining muddati oʻtdi. Kartani qaytadan kiriting, yangi kod yuboriladi.",
            "Срок действия кода из SMS истёк. Введите карту заново — придёт новый код.",
            "The SMS code has expired. Enter the card again to get a new code."),
        ["too_many_attempts"] = new("Notoʻgʻri kod juda koʻp marta kiritildi. Kartani qaytadan kiriting, yangi kod yuboriladi.",
            "Слишком много неверных кодов. Введите карту заново — придёт новый код.",
            "Too many wrong codes. Enter the card again to get a new code."),
        ["card_not_found"] = new("Karta topilmadi. Raqam va amal qilish muddatini tekshiring.",
            "Карта не найдена. Проверьте номер и срок действия.",
            "The card was not found. Check the number and the expiry date."),
        ["card_is_blocked"] = new("Karta bloklangan. Boshqa kartadan foydalaning yoki bankingizga murojaat qiling.",
            "Карта заблокирована. Используйте другую карту или обратитесь в свой банк.",
            "This card is blocked. Use another card or contact your bank."),
        ["card_is_blocked_in_processing_center"] = new("Karta protsessing markazida bloklangan. Bankingizga murojaat qiling yoki boshqa kartadan foydalaning.",
            "Карта заблокирована в процессинговом центре. Обратитесь в свой банк или используйте другую карту.",
            "The card is blocked at the processing centre. Contact your bank or use another card."),
        ["card_expired"] = new("Kartaning amal qilish muddati tugagan.", "Срок действия карты истёк.", "This card has expired."),
        ["insufficient_funds"] = new("Kartada mablagʻ yetarli emas.", "На карте недостаточно средств.", "There is not enough money on the card."),
        ["card_has_no_phone"] = new("Kartaga telefon raqami ulanmagan: SMS-xabarnoma (SMS-banking) kerak.",
            "К карте не привязан номер телефона: нужно SMS-информирование.",
            "No phone number is linked to this card: SMS notifications (SMS banking) are needed."),
        ["sms_not_active"] = new("Kartada SMS-xabarnoma yoqilmagan. Bankingizda SMS-bankingni yoqing va qayta urinib koʻring.",
            "На карте не подключено SMS-информирование. Подключите его в своём банке и попробуйте снова.",
            "SMS notifications are not active on this card. Turn on SMS banking at your bank and try again."),
        ["processing_error"] = new("Karta banki toʻlovni amalga oshira olmadi (masalan, bu turdagi karta qoʻllab-quvvatlanmaydi). Boshqa kartadan foydalaning.",
            "Банк карты не смог провести операцию (например, такой тип карты не поддерживается). Используйте другую карту.",
            "The card's bank could not process it (for example, this type of card is not supported). Use another card."),
        [PaymentRefusedException.Unavailable] = new("Paylov javob bermadi. Bir daqiqadan soʻng qayta urinib koʻring: ikki marta yechilmaydi.",
            "Paylov не ответил. Попробуйте через минуту: дважды не спишется.",
            "Paylov did not answer. Try again in a minute; you will not be charged twice."),
    };

    // Anything else Paylov refuses (permission_denied, invalid_amount, validation_error, ...) is not the owner's to fix.
    private static readonly Text Other = new("Paylov toʻlovni rad etdi. Keyinroq qayta urinib koʻring yoki boshqa kartadan foydalaning.",
        "Paylov отклонил операцию. Попробуйте позже или используйте другую карту.",
        "Paylov refused the payment. Try again later or use another card.");

    public static ProblemDetails Problem(HttpRequest request, PaymentRefusedException refusal)
    {
        var language = RequestLanguage.Of(request);
        var text = Pick(language, Messages.GetValueOrDefault(refusal.Code) ?? Other);
        if (refusal is { Code: "invalid_otp", AttemptsLeft: { } left })
            text += " " + language switch
            {
                UserLanguage.Uz => $"Qolgan urinishlar: {left}.",
                UserLanguage.Ru => $"Осталось попыток: {left}.",
                _ => $"Attempts left: {left}.",
            };

        var status = refusal.Code == PaymentRefusedException.Unavailable ? StatusCodes.Status503ServiceUnavailable
            : refusal.IsDecline ? StatusCodes.Status422UnprocessableEntity
            : StatusCodes.Status400BadRequest;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status422UnprocessableEntity
                ? Pick(language, new("Toʻlov amalga oshmadi.", "Платёж не прошёл.", "The payment did not go through."))
                : status == StatusCodes.Status503ServiceUnavailable
                    ? Pick(language, new("Paylov javob bermadi.", "Paylov не ответил.", "Paylov did not answer."))
                    : Pick(language, new("Karta qabul qilinmadi.", "Карта не принята.", "The card was not accepted.")),
            Detail = text,
        };
        problem.Extensions["code"] = refusal.Code;
        if (refusal.AttemptsLeft is { } attempts)
            problem.Extensions["attemptsLeft"] = attempts;
        return problem;
    }

    private static string Pick(UserLanguage language, Text text) => language switch
    {
        UserLanguage.Uz => text.Uz,
        UserLanguage.Ru => text.Ru,
        _ => text.En,
    };
}
