namespace VirtuOps.Domain.Webhooks;

/// <summary>The event names an integrator can subscribe to; they are part of the public API and never renamed.</summary>
public static class WebhookEventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageFailed = "message.failed";
    public const string ConversationCreated = "conversation.created";
    public const string ConversationHandedOver = "conversation.handed_over";
    public const string ConversationClosed = "conversation.closed";
    public const string ContactCreated = "contact.created";
    public const string SubscriptionChanged = "subscription.changed";

    public static readonly IReadOnlyList<string> All =
    [
        MessageReceived, MessageSent, MessageFailed, ConversationCreated, ConversationHandedOver, ConversationClosed, ContactCreated,
        SubscriptionChanged,
    ];

    public static bool IsKnown(string? name) => name is not null && All.Contains(name);
}
