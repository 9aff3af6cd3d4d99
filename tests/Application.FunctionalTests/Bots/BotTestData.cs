using System.Net.Http.Json;
using VirtuOps.Application.Bots.Common;

namespace Application.FunctionalTests.Bots;

/// <summary>A signed-in owner with a bot that knows a few things in Uzbek, Russian and English.</summary>
public static class BotTestData
{
    public static readonly (string[] Questions, string Answer)[] Knowledge =
    [
        (["Yetkazib berish bormi?", "Yetkazib berish qancha turadi?"], "Ha, Toshkent bo‘ylab 1–2 kunda yetkazamiz."),
        (["Ish vaqtingiz qanday?", "Soat nechida ochilasiz?"], "Har kuni 9:00 dan 21:00 gacha ishlaymiz."),
        (["Qanday to‘lov usullari bor?"], "UzCard, Humo, Visa, Click va Payme."),
        (["Можно ли вернуть товар?", "Как оформить возврат?"], "Вернуть товар можно в течение 14 дней."),
        (["What are your opening hours?"], "We are open every day from 9:00 to 21:00."),
    ];

    public static async Task<BotDto> CreateBotAsync(SpaClient owner, string name = "Do‘kon boti", params string[] allowedOrigins)
    {
        var created = await owner.Http.PostAsJsonAsync("/api/bots", new { name });
        created.EnsureSuccessStatusCode();
        var bot = (await created.Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
        if (allowedOrigins.Length > 0)
        {
            var updated = await owner.Http.PutAsJsonAsync($"/api/bots/{bot.Id}", new
            {
                bot.Name,
                bot.Greeting,
                bot.FallbackMessage,
                bot.Persona,
                languages = bot.Languages.Select(l => l.ToString()),
                bot.HandoffKeywords,
                bot.ConfidenceThreshold,
                allowedOrigins,
            });
            updated.EnsureSuccessStatusCode();
            bot = (await updated.Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
        }

        foreach (var (questions, answer) in Knowledge)
            (await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/knowledge", new { questions, answer })).EnsureSuccessStatusCode();
        return bot;
    }
}
