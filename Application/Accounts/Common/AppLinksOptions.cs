namespace VirtuOps.Application.Accounts.Common;

/// <summary>Where the SPA is reachable, for links in e-mails (section <c>App</c>).</summary>
public sealed class AppLinksOptions
{
    public const string SectionName = "App";

    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5080");

    public Uri Link(string pathAndQuery) => new(PublicBaseUrl, pathAndQuery);
}
