using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Domain.Channels;

public enum InboundEventKind
{
    /// <summary>A customer's message (text, media, interactive reply, location, contact...).</summary>
    Message = 0,

    /// <summary>A delivery status of one of our messages (sent, delivered, read, failed).</summary>
    Status = 1,

    /// <summary>A shape we do not handle yet; kept for inspection, never dropped silently.</summary>
    Unsupported = 2,

    /// <summary>
    /// An authentic part of a webhook that cannot be read (not JSON, or text that cannot be decoded); its payload is
    /// <c>{"base64":"..."}</c>, the part's exact bytes, kept for inspection while the rest of the batch is stored.
    /// </summary>
    Malformed = 3,
}

public enum InboundEventState
{
    Pending = 0,
    Processed = 1,

    /// <summary>Stored but deliberately not acted on (an echo of our own send, an unsupported event).</summary>
    Ignored = 2,

    /// <summary>Processing kept failing; kept with the error for inspection.</summary>
    Failed = 3,
}

/// <summary>
/// The webhook inbox: one row per provider event, unique on (channel, account, provider id), written before the
/// webhook is acknowledged and processed afterwards. A redelivered event hits the unique index and changes nothing.
/// </summary>
public sealed class InboundEvent : TenantOwnedEntity
{
    public const int ExternalIdMaxLength = 200;
    public const int ErrorMaxLength = 500;
    public const int MaxAttempts = 5;

    private InboundEvent(Guid channelConnectionId, Channel channel, string accountId, string externalId, InboundEventKind kind, string payload, DateTimeOffset receivedAt)
    {
        ChannelConnectionId = channelConnectionId;
        Channel = channel;
        AccountId = accountId;
        ExternalId = externalId;
        Kind = kind;
        Payload = payload;
        ReceivedAt = receivedAt;
    }

    public Guid ChannelConnectionId { get; private set; }

    public Channel Channel { get; private set; }

    /// <summary>The connection's provider account (bot id, phone_number_id, Instagram id): provider ids are unique per account.</summary>
    public string AccountId { get; private set; }

    /// <summary>The provider's de-duplication key: Telegram update_id, WhatsApp wamid, Instagram mid, or status id + status.</summary>
    public string ExternalId { get; private set; }

    public InboundEventKind Kind { get; private set; }

    /// <summary>The event's JSON as the provider sent it (the one event, with the context needed to process it).</summary>
    public string Payload { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public InboundEventState State { get; private set; }

    public int Attempts { get; private set; }

    public string? Error { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    public static InboundEvent Receive(ChannelConnection connection, string externalId, InboundEventKind kind, string payload, DateTimeOffset at)
    {
        var inboundEvent = new InboundEvent(connection.Id, connection.Channel, connection.AccountId, externalId, kind, payload, at);
        inboundEvent.AssignTenant(connection.TenantId);
        return inboundEvent;
    }

    public void Processed(DateTimeOffset at)
    {
        State = InboundEventState.Processed;
        ProcessedAt = at;
        Error = null;
    }

    public void Ignore(string reason, DateTimeOffset at)
    {
        State = InboundEventState.Ignored;
        ProcessedAt = at;
        Error = Truncate(reason);
    }

    /// <summary>Counts a failed processing attempt; after <see cref="MaxAttempts"/> the event is parked as failed.</summary>
    public void AttemptFailed(string error, DateTimeOffset at)
    {
        Attempts++;
        Error = Truncate(error);
        if (Attempts >= MaxAttempts)
        {
            State = InboundEventState.Failed;
            ProcessedAt = at;
        }
    }

    private static string Truncate(string value) => value.Length <= ErrorMaxLength ? value : value[..ErrorMaxLength];
}
