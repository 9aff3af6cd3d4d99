using Microsoft.Extensions.Options;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Delivery;

/// <summary>Whom a send counts against: its chat and the bot's account on the channel.</summary>
public sealed record PaceKey(Channel Channel, Guid BotId, Guid ConversationId);

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
    private readonly Dictionary<string, Booking> _bookings = [];
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    private sealed record Limit(string Key, int Count, TimeSpan Per);

    /// <summary>The next later slot a refused send is given for a limit, and how many already have it.</summary>
    private sealed class Booking(DateTimeOffset slot)
    {
        public DateTimeOffset Slot { get; set; } = slot;

        public int Taken { get; set; }
    }

    /// <summary>
    /// Plans one pass's sends, in order: each that fits its limits now takes its slot (null); each that does not is
    /// given a later time to try again and takes nothing now. Refused sends are booked into the following windows at
    /// the limit's rate, continuing after those booked by earlier passes, so a backlog comes due a window's worth at
    /// a time and each message is put off about once, not once a pass.
    /// </summary>
    public IReadOnlyList<DateTimeOffset?> Plan(IReadOnlyList<PaceKey> sends, DateTimeOffset now)
    {
        var plan = new DateTimeOffset?[sends.Count];
        lock (_lock)
        {
            SweepIdleKeys(now);
            for (var i = 0; i < sends.Count; i++)
            {
                var limits = LimitsFor(sends[i]);
                foreach (var limit in limits)
                {
                    var window = Window(limit, now);
                    if (window.Count < limit.Count)
                        continue;
                    var at = Book(limit, window.Peek() + limit.Per);
                    plan[i] = plan[i] is { } later ? Max(later, at) : at;
                }

                if (plan[i] is null)
                {
                    foreach (var limit in limits)
                        Window(limit, now).Enqueue(now);
                }
            }
        }

        return plan;
    }

    private List<Limit> LimitsFor(PaceKey send)
    {
        var o = options.Value;
        // One live connection per bot and channel, so the bot and channel name the provider account.
        var account = $"{send.Channel}:{send.BotId}";
        return send.Channel switch
        {
            Channel.Telegram => [new($"chat:{send.ConversationId}", 1, o.TelegramPerChatInterval), new(account, o.TelegramPerBotPerSecond, Second)],
            Channel.WhatsApp => [new(account, o.WhatsAppPerNumberPerSecond, Second)],
            Channel.Instagram => [new(account, o.InstagramPerAccountPerSecond, Second)],
            _ => [],
        };
    }

    private DateTimeOffset Book(Limit limit, DateTimeOffset firstFree)
    {
        if (!_bookings.TryGetValue(limit.Key, out var booking) || booking.Slot < firstFree)
            _bookings[limit.Key] = booking = new Booking(firstFree);
        var slot = booking.Slot;
        if (++booking.Taken == limit.Count)
        {
            booking.Slot += limit.Per;
            booking.Taken = 0;
        }

        return slot;
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
        foreach (var key in _bookings.Where(b => b.Value.Slot + idleAfter <= now).Select(b => b.Key).ToList())
            _bookings.Remove(key);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
