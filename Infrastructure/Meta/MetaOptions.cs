using VirtuOps.Infrastructure.Channels;

namespace VirtuOps.Infrastructure.Meta;

/// <summary>The <c>Meta</c> section (WhatsApp Business Cloud and Instagram Messaging).</summary>
public sealed class MetaOptions : ChannelApiOptions
{
    public const string SectionName = "Meta";

    /// <summary>The Graph API root including its version; configurable so tests point it at a local fake.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v21.0";

    protected override string BaseUrlSetting => "Meta:GraphBaseUrl";

    protected override string? ConfiguredBaseUrl => GraphBaseUrl;
}
