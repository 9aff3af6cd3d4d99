namespace VirtuOps.Application.Webhooks.Common;

/// <summary>The <c>Webhooks</c> section: where outgoing webhooks may point, and how they are delivered and retried.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Lets subscriptions use plain http (Development only: receivers on the developer's machine).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Lets subscriptions point at loopback, private and link-local addresses (Development and tests). Off, a URL
    /// resolving to one is refused when it is created and the connection is refused at every delivery (SSRF).
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Whether this instance runs the delivery worker (tests may drive delivery by hand).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>A receiver that has not answered by then is cut off; the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed deliveries are retried this long after the event; then the subscription is disabled.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The wait after the first failure, doubling per attempt up to <see cref="BackoffCap"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After a rotation the previous secret keeps signing this long beside the new one.</summary>
    public TimeSpan SecretRotationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Posts in flight at once (each to a different conversation's line), a quarter of them per tenant. A post holds its
    /// slot only while the receiver answers, so this bounds sockets, not throughput: at 64 one tenant may have 16 going.
    /// </summary>
    public int Concurrency { get; set; } = 64;

    public int BatchSize { get; set; } = 200;

    /// <summary>The worker looks at the outbox at least this often, even without a wake-up.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The delivery log keeps finished deliveries this many days.</summary>
    public int DeliveryLogRetentionDays { get; set; } = 30;

    public const int MaxSubscriptionsPerTenant = 20;

    /// <summary>Larger request bodies are refused with a 400 before anything is looked at.</summary>
    public const int MaxRequestBodyBytes = 64 * 1024;
}
