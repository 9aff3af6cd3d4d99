using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Inbox.Queries.GetConversations;

/// <summary>
/// The inbox: the tenant's conversations, most recently active first, filtered and searchable, a cursor page at a time
/// (new conversations arrive above the cursor, so paging on neither repeats nor skips one).
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetConversationsQuery(
    ConversationStatus? Status = null,
    Channel? Channel = null,
    Guid? BotId = null,
    string? Search = null,
    bool UnreadOnly = false,
    string? Cursor = null,
    int Limit = KeysetCursor.DefaultLimit) : IQuery<CursorPage<ConversationSummaryDto>>;

public sealed class GetConversationsQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetConversationsQuery, CursorPage<ConversationSummaryDto>>
{
    public async ValueTask<CursorPage<ConversationSummaryDto>> Handle(GetConversationsQuery query, CancellationToken cancellationToken)
    {
        var conversations = context.Conversations.AsNoTracking();
        if (query.Status is { } status)
            conversations = conversations.Where(c => c.Status == status);
        if (query.Channel is { } channel)
            conversations = conversations.Where(c => c.Channel == channel);
        if (query.BotId is { } botId)
            conversations = conversations.Where(c => c.BotId == botId);
        if (query.UnreadOnly)
            conversations = conversations.Where(c => c.UnreadCount > 0);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            conversations = conversations.Where(c =>
                context.Contacts.Any(p => p.Id == c.ContactId && p.DisplayName.Contains(term))
                || context.Messages.Any(m => m.ConversationId == c.Id && m.Text.Contains(term)));
        }

        return await conversations
            .OrderByRecentActivity(KeysetCursor.Decode(query.Cursor))
            .ProjectToSummary(context)
            .ToCursorPageAsync(query.Limit, c => new KeysetCursor(c.LastMessageAt, c.Id), cancellationToken);
    }
}

public sealed class GetConversationsQueryValidator : AbstractValidator<GetConversationsQuery>
{
    public GetConversationsQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Channel).IsInEnum();
        RuleFor(q => q.Search).MaximumLength(200);
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
