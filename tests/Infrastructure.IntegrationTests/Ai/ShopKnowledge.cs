using VirtuOps.Application.Bots.Answering;

namespace Infrastructure.IntegrationTests.Ai;

/// <summary>
/// The knowledge of a household-appliance shop in Tashkent as its owner would type it: mostly Uzbek Latin, some
/// Russian and English entries, and one written in Uzbek Cyrillic.
/// </summary>
internal static class ShopKnowledge
{
    public static readonly KnowledgeItem DeliveryUz = Entry(
        ["Yetkazib berish bormi?", "Toshkent bo'ylab yetkazib berasizmi?"],
        "Ha, Toshkent bo'ylab 1–2 kunda yetkazib beramiz. 300 000 so'mdan ortiq buyurtmalar uchun bepul, qolganlari uchun 25 000 so'm.");

    public static readonly KnowledgeItem HoursUz = Entry(
        ["Ish vaqtingiz qanday?", "Do'koningiz soat nechada ochiladi?"],
        "Do'konimiz har kuni 9:00 dan 21:00 gacha, yakshanba kuni 10:00 dan 18:00 gacha ishlaydi.");

    public static readonly KnowledgeItem PaymentUz = Entry(
        ["Qanday to'lov usullari bor?", "Karta orqali to'lasa bo'ladimi?"],
        "Naqd pul, Uzcard, Humo, Payme va Click orqali to'lashingiz mumkin.");

    public static readonly KnowledgeItem ReturnsUz = Entry(
        ["Mahsulotni qaytarish mumkinmi?"],
        "Xarid qilingan kundan boshlab 14 kun ichida chek bilan qaytarishingiz mumkin.");

    public static readonly KnowledgeItem ContactUz = Entry(
        ["Operator bilan qanday bog'lanish mumkin?"],
        "+998 71 200 00 00 raqamiga qo'ng'iroq qiling yoki Telegramda @sayyora_shop ga yozing.");

    public static readonly KnowledgeItem WarrantyUzCyrillic = Entry(
        ["Кафолат муддати қанча?"],
        "Барча маиший техникага 12 ой кафолат берилади.");

    public static readonly KnowledgeItem DeliveryRu = Entry(
        ["Сколько стоит доставка по Ташкенту?"],
        "Доставка по Ташкенту за 1–2 дня: бесплатно при заказе от 300 000 сумов, иначе 25 000 сумов.");

    public static readonly KnowledgeItem PaymentRu = Entry(
        ["Какие способы оплаты вы принимаете?"],
        "Наличные, банковские карты Uzcard и Humo, Payme и Click.");

    public static readonly KnowledgeItem ReturnsRu = Entry(
        ["Как вернуть товар?"],
        "Товар можно вернуть в течение 14 дней с чеком.");

    public static readonly KnowledgeItem HoursEn = Entry(
        ["What are your opening hours?"],
        "We are open every day from 9:00 to 21:00, on Sundays from 10:00 to 18:00.");

    public static readonly KnowledgeItem PricesEn = Entry(
        ["How much does a washing machine cost?"],
        "Washing machines start at 3 200 000 UZS; current prices are in our catalogue.");

    public static readonly KnowledgeItem DeliveryEn = Entry(
        ["Do you deliver outside Tashkent?"],
        "Yes, couriers take orders to every region of Uzbekistan within 3–5 days.");

    public static IReadOnlyList<KnowledgeItem> All =>
    [
        DeliveryUz, HoursUz, PaymentUz, ReturnsUz, ContactUz, WarrantyUzCyrillic,
        DeliveryRu, PaymentRu, ReturnsRu, HoursEn, PricesEn, DeliveryEn,
    ];

    public static KnowledgeItem Entry(IReadOnlyList<string> questions, string answer) => new(Guid.NewGuid(), questions, answer);
}
