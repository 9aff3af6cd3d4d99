using Microsoft.Extensions.Options;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Delivery;

/// <summary>
/// Keeps our sends under each provider's published rates (Telegram per chat and per bot, Meta per number/account)
/// with a sliding window per key, so the provider rarely has to answer 429. In memory, per process: after a restart
/// or across instances the provider's own 429 + retry_after is the backstop.
/// </summary>
public sealed class DeliveryPacer(IOptions<DeliveryOptions> options)
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sends = [];
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    private sealed record Limit(string Key, int Count, TimeSpan Per);

    /// <summary>
    /// Takes a slot for one send at <paramref name="now"/> to this conversation through this connection, or refuses
    /// and says when to try again. Nothing is taken when refused.
    /// </summary>
    public bool TryAcquire(Conversation conversation, ChannelConnection connection, DateTimeOffset now, out DateTimeOffset retryAt)
    {
        var limits = LimitsFor(conversation, connection);
        lock (_lock)
        {
            SweepIdleKeys(now);
            retryAt = now;
            foreach (var limit in limits)
            {
                var sends = Window(limit, now);
                if (sends.Count >= limit.Count)
                    retryAt = Max(retryAt, sends.Peek() + limit.Per);
            }

            if (retryAt > now)
                return false;
            foreach (var limit in limits)
                Window(limit, now).Enqueue(now);
            return true;
        }
    }

    private List<Limit> LimitsFor(Conversation conversation, ChannelConnection connection)
    {
        var o = options.Value;
        var account = $"{connection.Channel}:{connection.Id}";
        return connection.Channel switch
        {
            Channel.Telegram => [new($"chat:{conversation.Id}", 1, o.TelegramPerChatInterval), new(account, o.TelegramPerBotPerSecond, Second)],
            Channel.WhatsApp => [new(account, o.WhatsAppPerNumberPerSecond, Second)],
            Channel.Instagram => [new(account, o.InstagramPerAccountPerSecond, Second)],
            _ => [],
        };
    }

    /// <summary>The sends within the limit's window before <paramref name="now"/>, oldest first.</summary>
    private Queue<DateTimeOffset> Window(Limit limit, DateTimeOffset now)
    {
        if (!_sends.TryGetValue(limit.Key, out var sends))
            _sends[limit.Key] = sends = new Queue<DateTimeOffset>(limit.Count);
        while (sends.Count > 0 && sends.Peek() + limit.Per <= now)
            sends.Dequeue();
        return sends;
    }

    // Chats come and go; forget keys whose last send is long past, so the map does not grow without end.
    private void SweepIdleKeys(DateTimeOffset now)
    {
        var idleAfter = Max(Second, options.Value.TelegramPerChatInterval);
        if (now - _lastSweep < idleAfter)
            return;
        _lastSweep = now;
        foreach (var key in _sends.Where(s => s.Value.Count == 0 || s.Value.Last() + idleAfter <= now).Select(s => s.Key).ToList())
            _sends.Remove(key);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
