using Microsoft.AspNetCore.SignalR;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.WebApi.Hubs;

internal sealed class SignalRConversationNotifier(IHubContext<InboxHub> inbox, IHubContext<WidgetHub> widget) : IConversationNotifier
{
    public async Task MessagesAddedAsync(Guid tenantId, ConversationSummaryDto conversation, IReadOnlyList<MessageDto> messages, CancellationToken cancellationToken)
    {
        await inbox.Clients.Group(InboxHub.TenantGroup(tenantId)).SendAsync("messagesAdded", conversation, messages, cancellationToken);

        // The visitor sees what the bot and agents write; their own messages they already have.
        var replies = messages.Where(m => m.Direction == MessageDirection.Outbound).ToList();
        if (conversation.Channel == Channel.Widget && replies.Count > 0)
            await widget.Clients.Group(WidgetHub.VisitorGroup(conversation.BotId, conversation.ContactExternalId))
                .SendAsync("messagesAdded", replies, conversation.Status, cancellationToken);
    }

    public Task ConversationChangedAsync(Guid tenantId, ConversationSummaryDto conversation, CancellationToken cancellationToken) =>
        inbox.Clients.Group(InboxHub.TenantGroup(tenantId)).SendAsync("conversationChanged", conversation, cancellationToken);

    // Only the inbox: widget replies are never queued for delivery, so a visitor's messages do not change afterwards.
    public Task MessageUpdatedAsync(Guid tenantId, MessageDto message, CancellationToken cancellationToken) =>
        inbox.Clients.Group(InboxHub.TenantGroup(tenantId)).SendAsync("messageUpdated", message, cancellationToken);
}
