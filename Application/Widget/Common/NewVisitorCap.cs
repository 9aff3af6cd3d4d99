using Microsoft.Extensions.Options;

namespace VirtuOps.Application.Widget.Common;

/// <summary>Set by the host from <c>RateLimits:WidgetNewVisitorsPerBotPerMinute</c> and <c>...PerIpPerMinute</c>.</summary>
public sealed class NewVisitorCapOptions
{
    public int PerBotPerMinute { get; set; }

    public int PerIpPerMinute { get; set; }
}

/// <summary>
/// How many new visitors a bot takes per minute, in all and from one IP address. Anyone can make up visitor ids, and
/// each new one is a contact and a conversation in the tenant's inbox; a fresh id per message is the way around the
/// per-visitor message limit, so one address may bring only a few new visitors a minute (people sharing a carrier's
/// NAT keep their own ids and are not new). Visitors already known are never refused. In memory, per instance, like
/// the request rate limits; fixed windows on the app's clock.
/// </summary>
public sealed class NewVisitorCap(IOptions<NewVisitorCapOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Past this many windows, expired ones are swept: addresses come and go, bots stay.</summary>
    private const int SweepAbove = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Admitted)> _windows = [];

    /// <summary>
    /// Counts a new visitor of <paramref name="botId"/> from <paramref name="ipAddress"/>, or refuses it with a 429
    /// when the bot's or the address's allowance for the minute is used up (then neither is counted).
    /// </summary>
    public void Admit(Guid botId, string? ipAddress)
    {
        var now = time.GetUtcNow();
        var botKey = "bot:" + botId;
        var ipKey = "ip:" + (ipAddress ?? "unknown");
        lock (_lock)
        {
            if (_windows.Count > SweepAbove)
                foreach (var expired in _windows.Where(w => now - w.Value.Start >= Window).Select(w => w.Key).ToList())
                    _windows.Remove(expired);

            var bot = Current(botKey, now);
            if (bot.Admitted >= options.Value.PerBotPerMinute)
                throw new TooManyRequestsException("This chat has too many new visitors right now. Please try again in a minute.", bot.Start + Window - now);
            var ip = Current(ipKey, now);
            if (ip.Admitted >= options.Value.PerIpPerMinute)
                throw new TooManyRequestsException("Too many new chats from your network. Please try again in a minute.", ip.Start + Window - now);
            _windows[botKey] = (bot.Start, bot.Admitted + 1);
            _windows[ipKey] = (ip.Start, ip.Admitted + 1);
        }
    }

    private (DateTimeOffset Start, int Admitted) Current(string key, DateTimeOffset now) =>
        _windows.TryGetValue(key, out var window) && now - window.Start < Window ? window : (now, 0);
}
