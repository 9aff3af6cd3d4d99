namespace VirtuOps.Application.Channels.Delivery;

/// <summary>The <c>Channels:Delivery</c> section: how the outbox worker sends, retries and paces outgoing messages.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Channels:Delivery";

    /// <summary>Whether this instance runs the background worker (tests drive <see cref="OutboundDelivery"/> by hand).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Failed sends of one message before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Backoff after the first failure; doubles per attempt up to <see cref="BackoffCap"/>, with full jitter.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many conversations are sent to at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Messages looked at per pass.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// A claimed message is not due again for this long: another worker leaves it alone while it is being sent. Longer
    /// than any send can take (the adapters time out well before), so a claim only lapses when its worker died.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The worker looks at the outbox at least this often, even without a wake-up: rows queued by another instance
    /// signal only their own process.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The worker starts a pass at most this often. Every batch the inbox processor saves queues answers and wakes
    /// it; without a floor, passes run back to back under load, each scanning the outbox for little.
    /// </summary>
    public TimeSpan MinPassInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often the worker looks for a conversation whose first pending message has no due time (see
    /// <see cref="OutboundDelivery.PromoteStrandedHeadsAsync"/>); also once at start. It reads the whole outbox.
    /// </summary>
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Telegram: about one message per second to one chat.</summary>
    public TimeSpan TelegramPerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Telegram: about 30 messages per second per bot.</summary>
    public int TelegramPerBotPerSecond { get; set; } = 30;

    /// <summary>WhatsApp Cloud API: 80 messages per second per business number by default.</summary>
    public int WhatsAppPerNumberPerSecond { get; set; } = 80;

    /// <summary>Instagram: a conservative default below Meta's per-account Send API limits.</summary>
    public int InstagramPerAccountPerSecond { get; set; } = 20;
}
