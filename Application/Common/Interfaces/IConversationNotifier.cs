using VirtuOps.Application.Conversations.Common;

namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Pushes conversation changes live: to the tenant's inbox and to the customer's open widget.</summary>
public interface IConversationNotifier
{
    Task MessagesAddedAsync(Guid tenantId, ConversationSummaryDto conversation, IReadOnlyList<MessageDto> messages, CancellationToken cancellationToken);

    Task ConversationChangedAsync(Guid tenantId, ConversationSummaryDto conversation, CancellationToken cancellationToken);
}
