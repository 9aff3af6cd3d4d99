using Microsoft.Extensions.Options;

namespace VirtuOps.Application.Widget.Common;

/// <summary>Set by the host from <c>RateLimits:WidgetNewVisitorsPerBotPerMinute</c>.</summary>
public sealed class NewVisitorCapOptions
{
    public int PerBotPerMinute { get; set; }
}

/// <summary>
/// How many new visitors a bot takes per minute. Anyone can make up visitor ids, and each new one is a contact and a
/// conversation in the tenant's inbox; visitors already known are never refused. In memory, per instance, like the
/// request rate limits; a fixed window per bot on the app's clock.
/// </summary>
public sealed class NewVisitorCap(IOptions<NewVisitorCapOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, (DateTimeOffset Start, int Admitted)> _windows = [];

    /// <summary>Counts a new visitor of <paramref name="botId"/>, or refuses it with a 429 when the minute's allowance is used up.</summary>
    public void Admit(Guid botId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            // One entry per bot that has had a new visitor: as many as there are bots, so nothing needs sweeping.
            if (!_windows.TryGetValue(botId, out var window) || now - window.Start >= Window)
                window = (now, 0);
            if (window.Admitted >= options.Value.PerBotPerMinute)
                throw new TooManyRequestsException("This chat has too many new visitors right now. Please try again in a minute.", window.Start + Window - now);
            _windows[botId] = (window.Start, window.Admitted + 1);
        }
    }
}
