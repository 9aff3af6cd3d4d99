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

/// <summary>How many bots a tenant may have (section <c>Plans</c>); billing replaces this with the plan's limit.</summary>
public sealed class PlanLimitsOptions
{
    public const string SectionName = "Plans";

    public int DefaultMaxBots { get; set; } = 3;

    /// <summary>Live channel connections (Telegram, WhatsApp, Instagram) before subscribing; the widget needs none.</summary>
    public int DefaultMaxChannels { get; set; } = 4;
}
