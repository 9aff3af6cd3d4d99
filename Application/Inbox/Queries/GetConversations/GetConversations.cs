using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Inbox.Queries.GetConversations;

/// <summary>The inbox: the tenant's conversations, most recent first, filtered and searchable.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetConversationsQuery(
    ConversationStatus? Status = null,
    Channel? Channel = null,
    Guid? BotId = null,
    string? Search = null,
    bool UnreadOnly = false,
    int PageNumber = 1,
    int PageSize = 30) : IQuery<PaginatedList<ConversationSummaryDto>>;

public sealed class GetConversationsQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetConversationsQuery, PaginatedList<ConversationSummaryDto>>
{
    public async ValueTask<PaginatedList<ConversationSummaryDto>> Handle(GetConversationsQuery query, CancellationToken cancellationToken)
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
            .OrderByDescending(c => c.LastMessageAt)
            .ProjectToSummary(context)
            .ToPaginatedListAsync(query.PageNumber, query.PageSize, cancellationToken);
    }
}

public sealed class GetConversationsQueryValidator : AbstractValidator<GetConversationsQuery>
{
    public GetConversationsQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Channel).IsInEnum();
        RuleFor(q => q.Search).MaximumLength(200);
        RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100);
    }
}
