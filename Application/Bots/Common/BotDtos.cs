using VirtuOps.Domain.Bots;

namespace VirtuOps.Application.Bots.Common;

public sealed record BotDto(
    Guid Id,
    string Name,
    string Greeting,
    string FallbackMessage,
    string? Persona,
    IReadOnlyList<BotLanguage> Languages,
    IReadOnlyList<string> HandoffKeywords,
    double ConfidenceThreshold,
    BotStatus Status,
    string WidgetKey,
    IReadOnlyList<string> AllowedOrigins,
    DateTimeOffset Created);

public static class BotProjections
{
    public static BotDto ToDto(this Bot bot) =>
        new(bot.Id, bot.Name, bot.Greeting, bot.FallbackMessage, bot.Persona, bot.Languages, bot.HandoffKeywords,
            bot.ConfidenceThreshold, bot.Status, bot.WidgetKey, bot.AllowedOrigins, bot.Created);
}
