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

/// <summary>Defaults of the section <c>Plans</c> for what a plan does not set (bots, channels and messages always come from <c>Billing:Plans</c>).</summary>
public sealed class PlanLimitsOptions
{
    public const string SectionName = "Plans";

    /// <summary>Requests one API key may make per minute when its tenant has no subscription or its plan sets none.</summary>
    public int DefaultApiRequestsPerMinute { get; set; } = 60;
}
