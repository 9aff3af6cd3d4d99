using VirtuOps.Application.Conversations.Common;

namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Pushes conversation changes live: to the tenant's inbox and to the customer's open widget.</summary>
public interface IConversationNotifier
{
    Task MessagesAddedAsync(Guid tenantId, ConversationSummaryDto conversation, IReadOnlyList<MessageDto> messages, CancellationToken cancellationToken);

    Task ConversationChangedAsync(Guid tenantId, ConversationSummaryDto conversation, CancellationToken cancellationToken);

    /// <summary>A message already shown changed: its delivery status (sent, retrying with an error, failed, retried).</summary>
    Task MessageUpdatedAsync(Guid tenantId, MessageDto message, CancellationToken cancellationToken);
}
