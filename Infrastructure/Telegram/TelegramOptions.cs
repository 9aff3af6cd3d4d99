using VirtuOps.Infrastructure.Channels;

namespace VirtuOps.Infrastructure.Telegram;

/// <summary>The <c>Telegram</c> section.</summary>
public sealed class TelegramOptions : ChannelApiOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The Bot API root; configurable so tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://api.telegram.org";

    protected override string BaseUrlSetting => "Telegram:BaseUrl";

    protected override string? ConfiguredBaseUrl => BaseUrl;
}
