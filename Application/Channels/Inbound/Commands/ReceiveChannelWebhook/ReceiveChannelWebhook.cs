using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Inbound.Commands.ReceiveChannelWebhook;

public enum WebhookOutcome
{
    /// <summary>
    /// The events are committed to the inbox (or were there already): acknowledge. An authentic body we cannot read is
    /// stored too, as malformed events: refusing it would only make the provider retry it for days.
    /// </summary>
    Stored = 0,

    /// <summary>Wrong or missing secret or signature: nothing was read or stored.</summary>
    Unauthorized = 1,
}

/// <summary>
/// A webhook call from Telegram or Meta for one connection. <see cref="Credential"/> is Telegram's secret-token header
/// or Meta's signature header; it is checked against the connection's secrets before the body is parsed.
/// </summary>
public sealed record ReceiveChannelWebhookCommand(Channel Channel, Guid ConnectionId, byte[] Body, string? Credential) : ICommand<WebhookOutcome>;

public sealed class ReceiveChannelWebhookCommandHandler(
    WebhookConnectionCache connections,
    ICurrentTenant currentTenant,
    IInboundEventStore store,
    TimeProvider time) : ICommandHandler<ReceiveChannelWebhookCommand, WebhookOutcome>
{
    public async ValueTask<WebhookOutcome> Handle(ReceiveChannelWebhookCommand command, CancellationToken cancellationToken)
    {
        var verified = await connections.GetAsync(command.Channel, command.ConnectionId, cancellationToken)
            ?? throw new NotFoundException("Unknown or disconnected channel.");
        var authentic = command.Channel == Channel.Telegram
            ? WebhookSecrets.SameSecret(verified.WebhookSecret, command.Credential)
            : WebhookSecrets.HasValidSignature(verified.AppSecret, command.Body, command.Credential);
        if (!authentic)
            return WebhookOutcome.Unauthorized;
        var connection = verified.Connection;
        currentTenant.Use(connection.TenantId);

        var now = time.GetUtcNow();
        var rows = WebhookSplitter.Split(command.Channel, connection.AccountId, command.Body).Select(e =>
        {
            var row = InboundEvent.Receive(connection, e.ExternalId, e.Kind, e.Payload, now);
            if (e.IgnoreReason is { } reason)
                row.Ignore(reason, now);
            return row;
        }).ToList();
        await store.StoreAsync(connection.Id, rows, cancellationToken);
        return WebhookOutcome.Stored;
    }
}
