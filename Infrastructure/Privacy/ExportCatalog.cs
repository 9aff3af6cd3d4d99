using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Partners;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Domain.Sessions;
using VirtuOps.Domain.Sms;
using VirtuOps.Domain.StaffAudit;
using VirtuOps.Domain.Tenants;
using VirtuOps.Domain.Verification;
using VirtuOps.Domain.Webhooks;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Privacy;

/// <summary>A text in each language the product speaks.</summary>
public sealed record Texts(string Uz, string Ru, string En)
{
    public string In(UserLanguage language) => language switch
    {
        UserLanguage.Ru => Ru,
        UserLanguage.En => En,
        _ => Uz,
    };
}

/// <summary>
/// One file of a data export: which entity's rows it holds (all of the entity's mapped properties but the
/// <see cref="Withheld"/> ones), whether an agent's own export has it too, and what it is, for the README.txt.
/// </summary>
public sealed record ExportedFile(string Name, Type EntityType, bool InAccountExport, Texts Description, params string[] Withheld)
{
    public bool IsCsv => Name.EndsWith(".csv", StringComparison.Ordinal);
}

/// <summary>
/// What the right of access exports, for every entity of the EF model: each is either written to a file of the export
/// or excluded with a reason. <see cref="Unclassified"/> names any entity that is neither, and a test keeps that list
/// empty, so a new table cannot be forgotten by the export.
/// </summary>
public static class ExportCatalog
{
    public const string ReadmeFileName = "README.txt";

    public static readonly ExportedFile Profile = new("profile.json", typeof(ApplicationUser), InAccountExport: true,
        new("Sizning hisobingiz: ism, e-pochta, telefon, tasdiqlanganlik, ikki bosqichli kirish, rol.",
            "Ваш аккаунт: имя, e-mail, телефон, подтверждения, двухэтапный вход, роль.",
            "Your account: name, e-mail, phone, confirmations, two-step sign-in, role."),
        Secrets.User);

    public static readonly ExportedFile Tenant = new("tenant.json", typeof(Tenant), InAccountExport: false,
        new("Kompaniya (tenant) maʼlumotlari.", "Данные компании (арендатора).", "Your company (tenant) record."));

    public static readonly ExportedFile Users = new("users.json", typeof(ApplicationUser), InAccountExport: false,
        new("Kompaniyaning barcha foydalanuvchilari (egalari va agentlari) va ularning rollari.",
            "Все пользователи компании (владельцы и агенты) и их роли.",
            "All users of the company (owners and agents) and their roles."),
        Secrets.User);

    public static readonly ExportedFile Consents = new("consents.json", typeof(ConsentRecord), InAccountExport: true,
        new("Roziliklar tarixi: qaysi hujjat versiyasiga qachon va qayerdan rozilik berilgan yoki qaytarib olingan.",
            "История согласий: какая версия документа, когда и откуда принята или отозвана.",
            "Consent history: which document version was accepted or withdrawn, when and from where."));

    public static readonly ExportedFile Sessions = new("sessions.json", typeof(UserSession), InAccountExport: true,
        new("Kirish seanslari: brauzer, IP manzil, boshlangan va oxirgi faol vaqt.",
            "Сеансы входа: браузер, IP-адрес, начало и последняя активность.",
            "Sign-in sessions: browser, IP address, start and last activity."));

    public static readonly ExportedFile AccessLog = new("access-log.json", typeof(AccessLogEntry), InAccountExport: true,
        new("Kirish jurnali: har bir soʻrov vaqti, IP manzil, brauzer, tizim, qurilma, yoʻl va natija (180 kun saqlanadi).",
            "Журнал доступа: время каждого запроса, IP-адрес, браузер, система, устройство, путь и результат (хранится 180 дней).",
            "Access log: time, IP address, browser, system, device, path and status of each request (kept 180 days)."));

    public static readonly ExportedFile PrivacyRequests = new("privacy-requests.json", typeof(PrivacyRequest), InAccountExport: true,
        new("Maxfiylik boʻyicha soʻrovlaringiz (maʼlumot nusxasi, oʻchirish, cheklash va boshqalar): qabul qilingan, javob muddati, holat, javob.",
            "Ваши обращения о персональных данных (копия, удаление, ограничение и др.): получено, срок ответа, статус, ответ.",
            "Your data-subject requests (copy, erasure, restriction and others): received, due date, status, answer."));

    public static readonly ExportedFile Bots = new("bots.json", typeof(Bot), InAccountExport: false,
        new("Botlar va ularning sozlamalari.", "Боты и их настройки.", "Bots and their settings."));

    public static readonly ExportedFile Knowledge = new("knowledge.json", typeof(KnowledgeEntry), InAccountExport: false,
        new("Botlarning bilim bazasi: savollar va javoblar.", "База знаний ботов: вопросы и ответы.", "The bots' knowledge: questions and answers."));

    public static readonly ExportedFile Channels = new("channels.json", typeof(ChannelConnection), InAccountExport: false,
        new("Ulangan kanallar (Telegram, WhatsApp, Instagram). Tokenlar va maxfiy kalitlar kiritilmagan.",
            "Подключённые каналы (Telegram, WhatsApp, Instagram). Токены и секретные ключи не включены.",
            "Connected channels (Telegram, WhatsApp, Instagram). Tokens and secrets are left out."),
        nameof(ChannelConnection.EncryptedCredentials));

    public static readonly ExportedFile Contacts = new("contacts.json", typeof(Contact), InAccountExport: false,
        new("Mijozlaringiz (kontaktlar): kanal, kanal ichidagi identifikator va ism.",
            "Ваши клиенты (контакты): канал, идентификатор в канале и имя.",
            "Your customers (contacts): channel, their id in the channel and name."));

    public static readonly ExportedFile Conversations = new("conversations.csv", typeof(Conversation), InAccountExport: false,
        new("Suhbatlar (CSV): bot, kontakt, kanal, holat, oxirgi xabar.",
            "Диалоги (CSV): бот, контакт, канал, статус, последнее сообщение.",
            "Conversations (CSV): bot, contact, channel, status, last message."));

    public static readonly ExportedFile Messages = new("messages.csv", typeof(Message), InAccountExport: false,
        new("Barcha xabarlar (CSV): suhbat, yoʻnalish, muallif, matn, vaqt, yetkazilish holati.",
            "Все сообщения (CSV): диалог, направление, автор, текст, время, статус доставки.",
            "All messages (CSV): conversation, direction, author, text, time, delivery status."));

    public static readonly ExportedFile Subscriptions = new("subscription.json", typeof(Subscription), InAccountExport: false,
        new("Obuna: tarif, holat, joriy davr.", "Подписка: тариф, статус, текущий период.", "Subscription: plan, status, current period."));

    public static readonly ExportedFile PaymentMethods = new("payment-methods.json", typeof(PaymentMethod), InAccountExport: false,
        new("Bogʻlangan kartalar: faqat yashirilgan raqam, turi va amal qilish muddati (karta tokeni kiritilmagan).",
            "Привязанные карты: только маскированный номер, тип и срок действия (токен карты не включён).",
            "Saved cards: only the masked number, type and expiry (the card token is left out)."),
        nameof(PaymentMethod.EncryptedToken));

    public static readonly ExportedFile Charges = new("charges.json", typeof(Charge), InAccountExport: false,
        new("Toʻlovlar: davr, summa (tiyinda), holat, Paylov tranzaksiyasi.",
            "Списания: период, сумма (в тийинах), статус, транзакция Paylov.",
            "Charges: period, amount (in tiyin), status, Paylov transaction."));

    public static readonly ExportedFile Receipts = new("receipts.json", typeof(FiscalReceiptRecord), InAccountExport: false,
        new("Fiskal cheklar: chek raqami, fiskal belgi, havola.", "Фискальные чеки: номер, фискальный признак, ссылка.",
            "Fiscal receipts: receipt number, fiscal sign, link."));

    public static readonly ExportedFile ApiKeys = new("api-keys.json", typeof(ApiKey), InAccountExport: false,
        new("API kalitlari: nomi, prefiksi, ruxsatlari, oxirgi ishlatilishi (kalitning oʻzi kiritilmagan).",
            "API-ключи: название, префикс, права, последнее использование (сам ключ не включён).",
            "API keys: name, prefix, scopes, last use (the key itself is left out)."),
        nameof(ApiKey.Hash));

    public static readonly ExportedFile WebhookSubscriptions = new("webhook-subscriptions.json", typeof(WebhookSubscription), InAccountExport: false,
        new("Webhook obunalari: manzil, hodisalar, tavsif, oʻchirilganlik (maxfiy kalitlar kiritilmagan).",
            "Подписки на вебхуки: адрес, события, описание, отключение (секреты не включены).",
            "Webhook subscriptions: address, events, description, whether disabled (the secrets are left out)."),
        nameof(WebhookSubscription.EncryptedSecret), nameof(WebhookSubscription.EncryptedPreviousSecret));

    public static readonly ExportedFile Partner = new("partner.json", typeof(Partner), InAccountExport: false,
        new("Hamkorlik dasturi: taklif kodi va qoʻshilgan sana.", "Партнёрская программа: реферальный код и дата вступления.",
            "Partner programme: referral code and the date you joined."));

    public static readonly ExportedFile Referrals = new("referrals.json", typeof(Referral), InAccountExport: false,
        new("Taklif havolangiz orqali roʻyxatdan oʻtgan kompaniyalar: identifikator va sana.",
            "Компании, зарегистрировавшиеся по вашей ссылке: идентификатор и дата.",
            "Companies that signed up through your referral link: id and date."));

    public static readonly ExportedFile PartnerLedger = new("partner-ledger.json", typeof(PartnerLedgerEntry), InAccountExport: false,
        new("Hamkorlik hisobi: komissiyalar, qaytarishlar va toʻlovlar (tiyinda).",
            "Партнёрский счёт: комиссии, сторно и выплаты (в тийинах).",
            "Partner ledger: commissions, reversals and payouts (in tiyin)."));

    public static readonly ExportedFile PayoutAccount = new("payout-account.json", typeof(PayoutAccount), InAccountExport: false,
        new("Toʻlov rekvizitlari: turi, yashirilgan JShShIR yoki STIR, kompaniya nomi, yashirilgan karta raqami (shifrlangan qiymatlar kiritilmagan).",
            "Реквизиты выплат: тип, маскированный ПИНФЛ или ИНН, название компании, маскированный номер карты (зашифрованные значения не включены).",
            "Payout details: kind, masked PINFL or STIR, company name, masked card number (the encrypted values are left out)."),
        nameof(Domain.Partners.PayoutAccount.EncryptedTaxId), nameof(Domain.Partners.PayoutAccount.EncryptedCardId));

    public static readonly ExportedFile Payouts = new("payouts.json", typeof(Payout), InAccountExport: false,
        new("Toʻlov soʻrovlari: summa, holat, qaror va sababi.", "Запросы выплат: сумма, статус, решение и причина.",
            "Payout requests: amount, status, decision and its reason."));

    /// <summary>Every file of an owner's export, in the order they are written.</summary>
    public static IReadOnlyList<ExportedFile> Files { get; } =
    [
        Profile, Tenant, Users, Consents, Sessions, AccessLog, PrivacyRequests, Bots, Knowledge, Channels, Contacts, Conversations, Messages,
        Subscriptions, PaymentMethods, Charges, Receipts, ApiKeys, WebhookSubscriptions, Partner, Referrals, PartnerLedger, PayoutAccount, Payouts,
    ];

    /// <summary>The entities no export holds, and why.</summary>
    public static IReadOnlyDictionary<Type, string> Excluded { get; } = new Dictionary<Type, string>
    {
        [typeof(IdentityUserRole<Guid>)] = "Each user's roles are written in users.json and profile.json.",
        [typeof(ApplicationRole)] = "The role names (Owner, Agent, Admin, Support), the same for everyone: no personal data.",
        [typeof(IdentityRoleClaim<Guid>)] = "Settings of a role, not of a person: no personal data.",
        [typeof(IdentityUserClaim<Guid>)] = "Not used: claims are built at sign-in from the user row, which is exported.",
        [typeof(IdentityUserLogin<Guid>)] = "Not used: there is no external sign-in provider.",
        [typeof(IdentityUserToken<Guid>)] = "Authenticator keys and recovery codes: secrets that let someone sign in as the user.",
        [typeof(SignInAttemptCount)] = "A lockout counter per e-mail address, reset at the next good sign-in; holds only the count.",
        [typeof(OneTimeCode)] = "Hashes of SMS codes that expire within minutes and are purged a day later: nothing readable.",
        [typeof(SmsDelivery)] = "The SMS provider's delivery reports of codes, not linked to an account; the phone number is in profile.json.",
        [typeof(InboundEvent)] = "Raw webhook payloads as Telegram and Meta sent them, deleted 30 days after processing; what they carry is in contacts.json and messages.csv.",
        [typeof(CheckoutSession)] = "A payment page's session at Paylov, deleted after 90 days; the card and charges it produced are exported.",
        [typeof(DemoRequest)] = "A prospect's message from the public site, not linked to any account or tenant.",
        [typeof(UnconfirmedPrivacyRequest)] = "A signed-out request whose sender has not yet confirmed the e-mail address, deleted after 24 hours; not linked to an account.",
        [typeof(DataExport)] = "The export's own bookkeeping, shown in the Privacy centre and deleted with its file after 7 days.",
        [typeof(StaffAccessGrant)] = "The owner's own permission for platform staff to read the data (reason, times), shown on the Security page while it runs; what staff read with it is in the staff audit entries.",
        [typeof(StaffAuditEntry)] = "What platform staff did, not data about the customer's people; the owner sees the entries about their tenant on the Security page (GET /api/security/platform-access).",
        [typeof(WebhookDelivery)] = "Copies of messages, contacts and conversations sent to the tenant's own webhook endpoints, with the delivery log; the data itself is in contacts.json, conversations.csv and messages.csv.",
        [typeof(PrivacyDigestDelivery)] = "Which days a platform staff member was e-mailed the digest of privacy requests due: staff bookkeeping, no customer data.",
        [typeof(ErasureRequest)] = "The bookkeeping of an erasure (ids and times); the request itself is in privacy-requests.json.",
        [typeof(Domain.Idempotency.IdempotentRequest)] = "Copies of API answers kept 24 hours so a retried request is not done twice; what they echo is exported from its own tables.",
        [typeof(Domain.Billing.MessageUsage)] = "How many answers the bots gave in a month, counted against the plan: a number per month, shown on the billing page; no personal data.",
    };

    /// <summary>The names of the model's entity types that are neither exported nor excluded; empty when the catalog is complete.</summary>
    public static IReadOnlyList<string> Unclassified(IModel model) =>
        model.GetEntityTypes()
            .Where(t => !t.IsOwned() && Files.All(f => f.EntityType != t.ClrType) && !Excluded.ContainsKey(t.ClrType))
            .Select(t => t.DisplayName())
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The files of an export of this scope.</summary>
    public static IEnumerable<ExportedFile> FilesOf(DataExportScope scope) =>
        Files.Where(f => scope == DataExportScope.Tenant || f.InAccountExport);

    private static class Secrets
    {
        public static readonly string[] User = [nameof(ApplicationUser.PasswordHash), nameof(ApplicationUser.SecurityStamp), nameof(ApplicationUser.ConcurrencyStamp)];
    }
}
