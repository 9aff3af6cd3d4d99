namespace VirtuOps.Infrastructure.AccessLogs;

/// <summary>What a support person wants from a User-Agent header: which browser, which system, which kind of device.</summary>
internal sealed record UserAgentInfo(string Browser, string OperatingSystem, string Device)
{
    public const string Other = "Other";

    /// <summary>For a request that sent no User-Agent at all.</summary>
    public static readonly UserAgentInfo Unknown = new("Unknown", "Unknown", "Unknown");
}

/// <summary>
/// Reads the browsers and platforms our customers use (Yandex Browser included) from a User-Agent's product
/// tokens; anything else is "Other". No maintained user-agent library is served to this project (see
/// docs/decisions/0002-access-logs.md); replace this class when one is.
/// </summary>
internal static class UserAgentParser
{
    // Order matters: Edge, Opera, Yandex and Samsung also claim "Chrome/", and every Chromium claims "Safari/".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("Edge/", "Edge"),
        ("OPR/", "Opera"),
        ("YaBrowser/", "Yandex Browser"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"), ("Chrome/", "Chrome"),
    ];

    private static readonly string[] BotMarkers = ["bot/", "bot;", "crawler", "spider", "facebookexternalhit"];

    public static UserAgentInfo Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
            return UserAgentInfo.Unknown;

        var operatingSystem = OperatingSystem(userAgent);
        return new UserAgentInfo(Browser(userAgent), operatingSystem, Device(userAgent, operatingSystem));
    }

    private static string Browser(string ua)
    {
        foreach (var (token, name) in Browsers)
        {
            if (Has(ua, token))
                return Named(name, VersionAfter(ua, token, parts: 1));
        }

        // Safari puts its own version in "Version/x.y"; its "Safari/" number is the WebKit build.
        if (Has(ua, "Safari/") && Has(ua, "Version/"))
            return Named("Safari", VersionAfter(ua, "Version/", parts: 1));

        // Non-browser clients name themselves first: "curl/8.5.0", "PostmanRuntime/7.39.0", "okhttp/4.12.0".
        var product = ua.Split(' ', 2)[0];
        var slash = product.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && !product.StartsWith("Mozilla/", StringComparison.Ordinal))
            return Named(product[..slash], VersionAfter(product, product[..(slash + 1)], parts: 1));

        return UserAgentInfo.Other;
    }

    private static string OperatingSystem(string ua)
    {
        if (Has(ua, "Windows NT "))
        {
            return VersionAfter(ua, "Windows NT ", parts: 2) switch
            {
                // Windows 11 browsers still send "Windows NT 10.0", so the two cannot be told apart.
                "10.0" => "Windows 10/11",
                "6.3" => "Windows 8.1",
                "6.2" => "Windows 8",
                "6.1" => "Windows 7",
                _ => "Windows",
            };
        }

        if (Has(ua, "iPhone") || Has(ua, "iPod"))
            return Named("iOS", VersionAfter(ua, "iPhone OS ", parts: 2));
        if (Has(ua, "iPad"))
            return Named("iPadOS", VersionAfter(ua, "CPU OS ", parts: 2));
        if (Has(ua, "Android"))
            return Named("Android", VersionAfter(ua, "Android ", parts: 2));
        if (Has(ua, "CrOS "))
            return "ChromeOS";
        // Browsers froze the macOS version at 10.15.7, so it is not worth showing.
        if (Has(ua, "Macintosh") || Has(ua, "Mac OS X"))
            return "macOS";
        if (Has(ua, "Linux"))
            return "Linux";
        return UserAgentInfo.Other;
    }

    private static string Device(string ua, string operatingSystem)
    {
        if (BotMarkers.Any(marker => ua.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            return "Bot";
        if (Has(ua, "iPhone"))
            return "iPhone";
        if (Has(ua, "iPad"))
            return "iPad";
        if (Has(ua, "Android"))
            return Has(ua, "Mobile") ? "Android phone" : "Android tablet";
        if (operatingSystem.StartsWith("Windows", StringComparison.Ordinal) || operatingSystem is "macOS" or "Linux" or "ChromeOS")
            return "Desktop";
        return UserAgentInfo.Other;
    }

    private static bool Has(string ua, string token) => ua.Contains(token, StringComparison.Ordinal);

    private static string Named(string name, string version) => version.Length == 0 ? name : $"{name} {version}";

    /// <summary>
    /// The first <paramref name="parts"/> numeric parts of the version after <paramref name="token"/>, joined with dots
    /// ("17_4_1" with two parts is "17.4"); empty when there is none.
    /// </summary>
    private static string VersionAfter(string ua, string token, int parts)
    {
        var at = ua.IndexOf(token, StringComparison.Ordinal);
        if (at < 0)
            return string.Empty;

        var numbers = new List<string>(parts);
        var position = at + token.Length;
        while (numbers.Count < parts)
        {
            var start = position;
            while (position < ua.Length && char.IsAsciiDigit(ua[position]))
                position++;
            if (position == start)
                break;
            numbers.Add(ua[start..position]);
            if (position >= ua.Length || ua[position] is not ('.' or '_'))
                break;
            position++;
        }

        return string.Join('.', numbers);
    }
}
