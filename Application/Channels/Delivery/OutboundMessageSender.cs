using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Channels.Delivery;

/// <summary>
/// Sends one outbox message through its conversation's channel connection, in the message's tenant scope.
/// <para>
/// Claim, send, save: the claim (pushing <see cref="Message.NextDeliveryAt"/> forward, guarded by the value the scan
/// saw) is committed before the send, so a second worker or a concurrent pass skips the message instead of sending it
/// again. The result is saved after the send. If the process dies between the two, the message is still Pending and
/// is sent again once the claim lapses: the providers take no idempotency key, so that narrow window is at-least-once.
/// </para>
/// </summary>
public sealed class OutboundMessageSender(
    IApplicationDbContext context,
    ITelegramBotApi telegram,
    IMetaGraphApi meta,
    ISecretProtector protector,
    DeliveryRetryPolicy retryPolicy,
    IConversationNotifier notifier,
    IDatabaseWriter writer,
    IOptions<DeliveryOptions> options)
{
    public async Task<DeliveryOutcome> SendAsync(DueMessage due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // No concurrency token column is needed: the update only matches while the row still holds what the scan read.
        DateTimeOffset? leaseUntil = now + options.Value.ClaimLease;
        // Both writes take turns with the webhook commits through the process's writer.
        // A restriction saved since the scan is seen here, under the writer: nothing of a restricted tenant is sent.
        var restricted = ProcessingRestrictions.RestrictedTenantIds(context);
        var claimed = await writer.RunExclusiveAsync(() => context.Messages
            .Where(m => m.Id == due.Id && m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt == due.NextDeliveryAt
                && !restricted.Contains(m.TenantId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextDeliveryAt, leaseUntil), cancellationToken), cancellationToken);
        if (claimed == 0)
            return DeliveryOutcome.Skipped;

        var message = await context.Messages.SingleAsync(m => m.Id == due.Id, cancellationToken);
        var conversation = await context.Conversations.SingleAsync(c => c.Id == message.ConversationId, cancellationToken);
        var connection = await context.ChannelConnections.SingleOrDefaultAsync(
            c => c.BotId == conversation.BotId && c.Channel == conversation.Channel && c.DisconnectedAt == null, cancellationToken);

        if (connection is null)
        {
            message.DeliveryGaveUp($"{conversation.Channel} is not connected to this bot. Connect it again, then retry the message.");
            return await SaveAsync(message, DeliveryOutcome.Failed, now);
        }

        ChannelCredentials credentials;
        try
        {
            credentials = protector.UnprotectCredentials(connection);
        }
        catch (CryptographicException)
        {
            const string unreadable = "The channel's stored credentials cannot be read. Connect the channel again, then retry the message.";
            message.DeliveryGaveUp(unreadable);
            connection.ErrorOccurred(unreadable, now);
            return await SaveAsync(message, DeliveryOutcome.Failed, now);
        }

        var recipient = await context.Contacts.Where(c => c.Id == conversation.ContactId).Select(c => c.ExternalId).SingleAsync(cancellationToken);
        try
        {
            var providerMessageId = await SendThroughAsync(connection, credentials, recipient, message, cancellationToken);
            message.DeliverySucceeded(providerMessageId);
            connection.OutboundSucceeded(now);
            return await SaveAsync(message, DeliveryOutcome.Sent, now);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The adapters report provider errors as ChannelApiException; anything else (a bug, a network error they did
            // not classify) is treated as transient, so it is retried and, if it persists, dead-lettered.
            var error = exception as ChannelApiException ?? new ChannelApiException(ChannelFailure.Transient, exception.Message, inner: exception);
            connection.ErrorOccurred(error.Message, now);
            var retrying = retryPolicy.RecordFailure(message, error, now);
            return await SaveAsync(message, retrying ? DeliveryOutcome.Retrying : DeliveryOutcome.Failed, now);
        }
    }

    private Task<string> SendThroughAsync(ChannelConnection connection, ChannelCredentials credentials, string recipient, Message message,
        CancellationToken cancellationToken) => connection.Channel switch
    {
        Channel.Telegram => telegram.SendMessageAsync(credentials.AccessToken, recipient, message.Text, cancellationToken),
        Channel.WhatsApp => meta.SendWhatsAppTextAsync(connection.AccountId, credentials.AccessToken, recipient, message.Text, cancellationToken),
        Channel.Instagram => meta.SendInstagramTextAsync(connection.AccountId, credentials.AccessToken, recipient, message.Text,
            humanAgent: message.Author == MessageAuthor.Agent, cancellationToken),
        _ => throw new ChannelApiException(ChannelFailure.Rejected, $"{connection.Channel} messages are not sent through a connection."),
    };

    private async Task<DeliveryOutcome> SaveAsync(Message message, DeliveryOutcome outcome, DateTimeOffset now)
    {
        // Not the stopping token: once a send was made, its result is recorded even while shutting down. A message that
        // left the queue (sent or dead-lettered) lets the next one of its conversation go, in the same writer turn as the
        // scan's parking, so neither can miss the other.
        await writer.RunExclusiveAsync(async () =>
        {
            var saved = await context.SaveChangesAsync(CancellationToken.None);
            if (!message.AwaitsDelivery)
                await context.Messages.PromoteHeadsAsync([message.ConversationId], now, CancellationToken.None);
            return saved;
        }, CancellationToken.None);
        await notifier.MessageUpdatedAsync(message.TenantId, message.ToDto(), CancellationToken.None);
        return outcome;
    }
}
