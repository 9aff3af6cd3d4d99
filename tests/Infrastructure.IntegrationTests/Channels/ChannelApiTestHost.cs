using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VirtuOps.Infrastructure.Channels;

namespace Infrastructure.IntegrationTests.Channels;

/// <summary>The channel adapters as the app registers them, pointed at the fakes, with every log record captured.</summary>
internal static class ChannelApiTestHost
{
    /// <param name="settings">Configuration over the defaults (5 s attempt timeouts, immediate read retries).</param>
    /// <param name="time">The clock the attempt timeouts run on: a fake one lets a test time an attempt out only once the fake server has it.</param>
    public static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Telegram:AttemptTimeout"] = "00:00:05",
            ["Meta:AttemptTimeout"] = "00:00:05",
            // Retry reads at once, so no test waits for a backoff.
            ["Telegram:RetryDelay"] = "00:00:00",
            ["Meta:RetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in settings)
            all[key] = value;

        return new ServiceCollection()
            .AddSingleton(time ?? TimeProvider.System)
            // Trace, so the HttpClient's and the resilience pipeline's own logging is checked for secrets too.
            .AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace))
            .AddChannelApis(new ConfigurationBuilder().AddInMemoryCollection(all).Build())
            .BuildServiceProvider(validateScopes: true);
    }

    public static IEnumerable<string> LoggedText(this ServiceProvider services) =>
        services.GetFakeLogCollector().GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])}");
}
