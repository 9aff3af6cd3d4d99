using VirtuOps.Infrastructure.AccessLogs;

namespace Infrastructure.IntegrationTests.AccessLogs;

public sealed class UserAgentParserTests
{
    [Theory]
    [InlineData(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
        "Chrome 142", "Windows 10/11", "Desktop")]
    [InlineData(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Safari 18", "iOS 18.1", "iPhone")]
    [InlineData(
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36",
        "Chrome 142", "Android 10", "Android phone")]
    [InlineData(
        "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36",
        "Chrome 141", "Android 14", "Android tablet")]
    [InlineData(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 YaBrowser/25.8.0.0 Safari/537.36",
        "Yandex Browser 25", "Windows 10/11", "Desktop")]
    [InlineData(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0",
        "Edge 142", "Windows 10/11", "Desktop")]
    [InlineData(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Safari 18", "macOS", "Desktop")]
    [InlineData(
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:144.0) Gecko/20100101 Firefox/144.0",
        "Firefox 144", "Linux", "Desktop")]
    [InlineData(
        "Mozilla/5.0 (iPad; CPU OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/142.0.0.0 Mobile/15E148 Safari/604.1",
        "Chrome 142", "iPadOS 17.4", "iPad")]
    [InlineData(
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Other", "Other", "Bot")]
    [InlineData("curl/8.5.0", "curl 8", "Other", "Other")]
    public void A_user_agent_is_read_as_browser_system_and_device(string userAgent, string browser, string operatingSystem, string device)
    {
        UserAgentParser.Parse(userAgent).ShouldBe(new UserAgentInfo(browser, operatingSystem, device));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_user_agent_is_unknown(string? userAgent)
    {
        UserAgentParser.Parse(userAgent).ShouldBe(UserAgentInfo.Unknown);
    }
}
