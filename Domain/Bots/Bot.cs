using VirtuOps.Domain.Common;
using VirtuOps.Domain.Exceptions;

namespace VirtuOps.Domain.Bots;

/// <summary>A tenant's support bot: how it greets, falls back, hands over to a human, and where its widget may run.</summary>
public sealed class Bot : TenantOwnedEntity
{
    public const int NameMaxLength = 100;
    public const int GreetingMaxLength = 500;
    public const int FallbackMaxLength = 500;
    public const int PersonaMaxLength = 2000;
    public const double DefaultConfidenceThreshold = 0.35;
    public static readonly IReadOnlyList<string> DefaultHandoffKeywords = ["operator", "оператор", "odam", "человек", "human"];

    private Bot(string name, string greeting, string fallbackMessage, string widgetKey)
    {
        Name = name;
        Greeting = greeting;
        FallbackMessage = fallbackMessage;
        WidgetKey = widgetKey;
    }

    public string Name { get; private set; }

    public string Greeting { get; private set; }

    public string FallbackMessage { get; private set; }

    /// <summary>Instructions for generated answers (tone, what to avoid); used only with an LLM.</summary>
    public string? Persona { get; private set; }

    public List<BotLanguage> Languages { get; private set; } = [BotLanguage.UzLatn, BotLanguage.Ru];

    /// <summary>Words that, typed by a customer, hand the conversation to a human at once.</summary>
    public List<string> HandoffKeywords { get; private set; } = [.. DefaultHandoffKeywords];

    /// <summary>Below this answer confidence the bot gives the fallback and offers a human.</summary>
    public double ConfidenceThreshold { get; private set; } = DefaultConfidenceThreshold;

    public BotStatus Status { get; private set; } = BotStatus.Active;

    /// <summary>Public identifier embedded in the widget snippet; it grants nothing but talking to this bot.</summary>
    public string WidgetKey { get; private set; }

    /// <summary>Web origins (scheme://host[:port]) allowed to embed the widget.</summary>
    public List<string> AllowedOrigins { get; private set; } = [];

    /// <summary>Bumped on every knowledge change so answer indexes know they are stale.</summary>
    public long KnowledgeVersion { get; private set; }

    /// <summary>Bumped on every change of what the API shows of the bot (settings, status); its ETag.</summary>
    public long Version { get; private set; }

    public static Bot Create(string name, string greeting, string fallbackMessage, string widgetKey) =>
        new(Required(name, NameMaxLength, "name"), Required(greeting, GreetingMaxLength, "greeting"),
            Required(fallbackMessage, FallbackMaxLength, "fallback message"), widgetKey);

    public void Update(string name, string greeting, string fallbackMessage, string? persona, IEnumerable<BotLanguage> languages,
        IEnumerable<string> handoffKeywords, double confidenceThreshold, IEnumerable<string> allowedOrigins)
    {
        var languageList = languages.Distinct().ToList();
        if (languageList.Count == 0)
            throw new DomainRuleViolationException("A bot needs at least one language.");
        if (confidenceThreshold is < 0 or > 1)
            throw new DomainRuleViolationException("The confidence threshold is between 0 and 1.");

        Name = Required(name, NameMaxLength, "name");
        Greeting = Required(greeting, GreetingMaxLength, "greeting");
        FallbackMessage = Required(fallbackMessage, FallbackMaxLength, "fallback message");
        Persona = string.IsNullOrWhiteSpace(persona) ? null : persona.Trim();
        Languages = languageList;
        HandoffKeywords = handoffKeywords.Select(k => k.Trim().ToLowerInvariant()).Where(k => k.Length > 0).Distinct().ToList();
        ConfidenceThreshold = confidenceThreshold;
        AllowedOrigins = allowedOrigins.Select(NormaliseOrigin).Distinct().ToList();
        Version++;
    }

    public void Pause()
    {
        Status = BotStatus.Paused;
        Version++;
    }

    public void Resume()
    {
        Status = BotStatus.Active;
        Version++;
    }

    public void KnowledgeChanged() => KnowledgeVersion++;

    public bool AllowsOrigin(string? origin) =>
        TryNormaliseOrigin(origin) is { } normalised && AllowedOrigins.Contains(normalised, StringComparer.Ordinal);

    /// <summary>True when the customer's text asks for a person, by one of the handoff words.</summary>
    public bool IsHandoffRequest(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ';', ':', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        // A phrase matches anywhere in the text; a single word only as a whole word ("operatorlik" is not a request).
        return HandoffKeywords.Any(keyword => keyword.Contains(' ')
            ? text.Contains(keyword, StringComparison.OrdinalIgnoreCase)
            : words.Contains(keyword));
    }

    /// <summary>"https://Shop.uz/" and "https://shop.uz" are the same origin.</summary>
    public static string NormaliseOrigin(string origin) =>
        TryNormaliseOrigin(origin) ?? throw new DomainRuleViolationException($"'{origin}' is not a web origin such as https://shop.uz.");

    /// <summary>The normal form of a web origin, or null for anything else (a browser may send <c>Origin: null</c>).</summary>
    public static string? TryNormaliseOrigin(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    private static string Required(string value, int maxLength, string what)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainRuleViolationException($"A bot needs a {what}.");
        if (trimmed.Length > maxLength)
            throw new DomainRuleViolationException($"A bot's {what} is at most {maxLength} characters.");
        return trimmed;
    }
}
