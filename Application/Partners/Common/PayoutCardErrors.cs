namespace VirtuOps.Application.Partners.Common;

/// <summary>Paylov's card-binding refusals as the partner reads them.</summary>
public static class PayoutCardErrors
{
    public static string Of(string? code) => code switch
    {
        "card_is_blocked" or "card_is_blocked_in_processing_center" => "Karta bloklangan. / Карта заблокирована. / The card is blocked.",
        "card_expired" => "Karta muddati tugagan. / Срок действия карты истёк. / The card has expired.",
        "sms_not_active" or "card_has_no_phone" => "Kartada SMS-xabarnoma yoqilmagan. / На карте не подключено SMS-информирование. / SMS notifications are not active on the card.",
        "invalid_otp" => "Kod noto‘g‘ri. / Неверный код. / The code is wrong.",
        "otp_expired" => "Kod muddati tugagan, qaytadan boshlang. / Срок кода истёк, начните заново. / The code has expired; start again.",
        "too_many_attempts" => "Urinishlar ko‘p bo‘ldi, qaytadan boshlang. / Слишком много попыток, начните заново. / Too many attempts; start again.",
        "pinfl_not_match" => PayeeIds.PinflNotMatching,
        _ => "Paylov kartani qabul qilmadi. / Paylov не принял карту. / Paylov refused the card.",
    };
}
