using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Inbox.Commands.ChangeConversation;
using VirtuOps.Application.Inbox.Commands.ReplyToConversation;
using VirtuOps.Application.Inbox.Commands.RetryMessageDelivery;
using VirtuOps.Application.Inbox.Queries.GetConversation;
using VirtuOps.Application.Inbox.Queries.GetConversationMessages;
using VirtuOps.Application.Inbox.Queries.GetConversations;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.WebApi.Endpoints;

/// <summary>
/// The live inbox: conversations, their messages, agent replies, hand-overs and retries of failed deliveries. Live updates:
/// /hubs/inbox (messagesAdded, conversationChanged, messageUpdated).
/// </summary>
public sealed class Inbox : IEndpointGroup
{
    public sealed record ReplyRequest(string Text);

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inbox/conversations").WithTags("Inbox")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", GetConversations);
        group.MapGet("/{id:guid}", GetConversation).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/messages", GetConversationMessages).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/replies", ReplyToConversation).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/hand-back", HandBackToBot).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/close", CloseConversation).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/reopen", ReopenConversation).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/read", MarkConversationRead).ProducesProblem(StatusCodes.Status404NotFound);

        var messages = app.MapGroup("/api/inbox/messages").WithTags("Inbox")
            .RequireAuthorization().AllowApiKeys().RequireAntiforgeryToken()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        messages.MapPost("/{id:guid}/retry", RetryMessageDelivery).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Conversations, most recently active first, filtered; pass <c>nextCursor</c> back as <c>cursor</c> for the next page.</summary>
    public static async Task<Ok<CursorPage<ConversationSummaryDto>>> GetConversations(ISender sender, CancellationToken cancellationToken,
        ConversationStatus? status = null, Channel? channel = null, Guid? botId = null, string? search = null, bool unreadOnly = false,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetConversationsQuery(status, channel, botId, search, unreadOnly, cursor, limit), cancellationToken));

    public static async Task<Ok<ConversationDetailDto>> GetConversation(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetConversationQuery(id), cancellationToken));

    /// <summary>The conversation's messages, newest first; pass <c>nextCursor</c> back as <c>cursor</c> for older ones.</summary>
    public static async Task<Ok<CursorPage<MessageDto>>> GetConversationMessages(ISender sender, Guid id, CancellationToken cancellationToken,
        string? cursor = null, int limit = KeysetCursor.DefaultLimit) =>
        TypedResults.Ok(await sender.Send(new GetConversationMessagesQuery(id, cursor, limit), cancellationToken));

    public static async Task<Ok<MessageDto>> ReplyToConversation(ISender sender, Guid id, ReplyRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ReplyToConversationCommand(id, request.Text), cancellationToken));

    /// <summary>Sends a failed outgoing message again (422 when it has not failed).</summary>
    public static async Task<Ok<MessageDto>> RetryMessageDelivery(ISender sender, Guid id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RetryMessageDeliveryCommand(id), cancellationToken));

    public static Task<Ok<ConversationSummaryDto>> HandBackToBot(ISender sender, Guid id, CancellationToken cancellationToken) =>
        Change(sender, id, ConversationChange.HandBackToBot, cancellationToken);

    public static Task<Ok<ConversationSummaryDto>> CloseConversation(ISender sender, Guid id, CancellationToken cancellationToken) =>
        Change(sender, id, ConversationChange.Close, cancellationToken);

    public static Task<Ok<ConversationSummaryDto>> ReopenConversation(ISender sender, Guid id, CancellationToken cancellationToken) =>
        Change(sender, id, ConversationChange.Reopen, cancellationToken);

    public static Task<Ok<ConversationSummaryDto>> MarkConversationRead(ISender sender, Guid id, CancellationToken cancellationToken) =>
        Change(sender, id, ConversationChange.MarkRead, cancellationToken);

    private static async Task<Ok<ConversationSummaryDto>> Change(ISender sender, Guid id, ConversationChange change, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ChangeConversationCommand(id, change), cancellationToken));
}
