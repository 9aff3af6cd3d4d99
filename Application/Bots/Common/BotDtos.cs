using VirtuOps.Domain.Bots;

namespace VirtuOps.Application.Bots.Common;

/// <summary><c>Version</c> changes with every change of the bot; quoted, it is the bot's ETag (send it as If-Match to write only over this version).</summary>
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
    DateTimeOffset Created,
    long Version);

public static class BotProjections
{
    public static BotDto ToDto(this Bot bot) =>
        new(bot.Id, bot.Name, bot.Greeting, bot.FallbackMessage, bot.Persona, bot.Languages, bot.HandoffKeywords,
            bot.ConfidenceThreshold, bot.Status, bot.WidgetKey, bot.AllowedOrigins, bot.Created, bot.Version);
}

/// <summary>How many bots a tenant may have (section <c>Plans</c>); billing replaces this with the plan's limit.</summary>
public sealed class PlanLimitsOptions
{
    public const string SectionName = "Plans";

    public int DefaultMaxBots { get; set; } = 3;

    /// <summary>Live channel connections (Telegram, WhatsApp, Instagram) before subscribing; the widget needs none.</summary>
    public int DefaultMaxChannels { get; set; } = 4;

    /// <summary>Requests one API key may make per minute when its tenant has no subscription or its plan sets none.</summary>
    public int DefaultApiRequestsPerMinute { get; set; } = 60;
}
