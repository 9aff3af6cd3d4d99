using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Data;

/// <summary>Fills an empty database with believable demo data. Running it again changes nothing.</summary>
public sealed class DemoDataSeeder(ApplicationDbContext context, UserManager<ApplicationUser> users, ICurrentTenant currentTenant,
    IOptions<LegalDocumentsOptions> legal, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    public const string DemoTenantName = "VirtuOps Demo Do‘kon";

    // Development-only accounts, listed in the README. The platform admin always signs in with an SMS code.
    public const string DemoOwnerEmail = "demo@virtuops.uz";
    public const string DemoAdminEmail = "admin@virtuops.uz";
    public const string DemoPassword = "Demo-parol-2026";

    // The demo page (/demo/) embeds the widget with this key; the demo bot accepts it from the local app.
    public const string DemoWidgetKey = "wk_demo_virtuops";
    public static readonly string[] DemoWidgetOrigins = ["http://localhost:5080", "http://127.0.0.1:5080"];
    public const int GeneratedTenantCount = 4;
    public const int GeneratedDemoRequestCount = 6;

    // A fixed seed gives every developer the same demo data.
    private const int RandomSeed = 2026;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await context.Tenants.AnyAsync(cancellationToken))
            return;

        var tenantNames = new Faker("ru") { Random = new Randomizer(RandomSeed) };
        var demoTenant = Tenant.Create(DemoTenantName);
        context.Tenants.Add(demoTenant);
        for (var i = 0; i < GeneratedTenantCount; i++)
            context.Tenants.Add(Tenant.Create(tenantNames.Company.CompanyName()));

        var prospects = new Faker<DemoRequest>("en")
            .UseSeed(RandomSeed)
            .CustomInstantiator(f => DemoRequest.Submit(
                f.Name.FullName(),
                f.Internet.Email(),
                f.Company.CompanyName(),
                "+99890" + f.Random.ReplaceNumbers("#######"),
                f.Lorem.Sentence()));
        context.DemoRequests.AddRange(prospects.Generate(GeneratedDemoRequestCount));

        await context.SaveChangesAsync(cancellationToken);

        var ownerId = await CreateUserAsync(demoTenant.Id, "Dilshod Rahimov", DemoOwnerEmail, "+998901234567", Roles.Owner, twoFactor: false);
        // As at sign-up: the owner accepted the documents in force, so signing in asks only after a new version.
        foreach (var kind in (ConsentKind[])[ConsentKind.PrivacyPolicy, ConsentKind.PublicOffer])
            context.ConsentRecords.Add(ConsentRecord.Grant(ownerId, demoTenant.Id, kind, legal.Value.VersionOf(kind), time.GetUtcNow(), ipAddress: null, userAgent: null));
        await SeedDemoBotAsync(demoTenant.Id, cancellationToken);
        await CreateUserAsync(tenantId: null, "Platform Admin", DemoAdminEmail, "+998901112233", Roles.Admin, twoFactor: true);
        logger.LogInformation("Seeded {TenantCount} demo tenants and {DemoRequestCount} demo requests",
            GeneratedTenantCount + 1, GeneratedDemoRequestCount);
    }

    private async Task<Guid> CreateUserAsync(Guid? tenantId, string fullName, string email, string phoneNumber, string role, bool twoFactor)
    {
        var user = new ApplicationUser
        {
            TenantId = tenantId,
            FullName = fullName,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            PhoneNumber = phoneNumber,
            PhoneNumberConfirmed = true,
            TwoFactorEnabled = twoFactor,
        };
        var created = await users.CreateAsync(user, DemoPassword);
        if (created.Succeeded)
            created = await users.AddToRoleAsync(user, role);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Seeding {email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        return user.Id;
    }

    /// <summary>A shop's bot that knows a little about delivery, hours, payment and returns, in three languages.</summary>
    private async Task SeedDemoBotAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        currentTenant.Use(tenantId);
        var bot = Bot.Create("Demo Do‘kon yordamchisi", "Assalomu alaykum! Men Demo Do‘kon yordamchisiman. Savolingizni yozing. / Здравствуйте! Задайте вопрос.",
            "Kechirasiz, bunga javob topa olmadim. Operatorni chaqiraymi? / Извините, не нашёл ответа. Позвать оператора?", DemoWidgetKey);
        bot.Update(bot.Name, bot.Greeting, bot.FallbackMessage, "Xushmuomala va qisqa javob ber. / Be brief and friendly.",
            [BotLanguage.UzLatn, BotLanguage.UzCyrl, BotLanguage.Ru, BotLanguage.En], Bot.DefaultHandoffKeywords,
            Bot.DefaultConfidenceThreshold, DemoWidgetOrigins);
        context.Bots.Add(bot);
        (string[] Questions, string Answer)[] knowledge =
        [
            (["Yetkazib berish bormi?", "Yetkazib berish qancha turadi?", "Dostavka bormi?"],
                "Ha, Toshkent bo‘ylab yetkazib berish 1–2 kun ichida, 200 000 so‘mdan ortiq buyurtmalar uchun bepul."),
            (["Ish vaqtingiz qanday?", "Soat nechida ochilasiz?", "Do‘kon qachon ishlaydi?"],
                "Biz har kuni soat 9:00 dan 21:00 gacha ishlaymiz."),
            (["Qanday to‘lov usullari bor?", "Click yoki Payme orqali to‘lasa bo‘ladimi?", "Karta bilan to‘lash"],
                "UzCard, Humo, Visa kartalari, Click, Payme va naqd pul bilan to‘lash mumkin."),
            (["Есть ли доставка?", "Сколько стоит доставка?", "Доставляете ли вы по Ташкенту?"],
                "Да, доставляем по Ташкенту за 1–2 дня, при заказе от 200 000 сумов — бесплатно."),
            (["Можно ли вернуть товар?", "Как оформить возврат?"],
                "Вернуть товар можно в течение 14 дней с чеком и в оригинальной упаковке."),
            (["What are your opening hours?", "When are you open?"],
                "We are open every day from 9:00 to 21:00."),
            (["Do you deliver?", "How much is delivery?"],
                "Yes, we deliver across Tashkent within 1–2 days; free for orders over 200,000 UZS."),
        ];
        foreach (var (questions, answer) in knowledge)
            context.KnowledgeEntries.Add(KnowledgeEntry.Create(bot, questions, answer));
        await context.SaveChangesAsync(cancellationToken);
    }
}
