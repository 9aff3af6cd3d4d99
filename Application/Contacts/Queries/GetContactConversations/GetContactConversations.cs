using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Contacts.Queries.GetContactConversations;

/// <summary>A customer's conversations with the tenant's bots, most recently active first, a cursor page at a time.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetContactConversationsQuery(Guid ContactId, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<ConversationSummaryDto>>;

public sealed class GetContactConversationsQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetContactConversationsQuery, CursorPage<ConversationSummaryDto>>
{
    public async ValueTask<CursorPage<ConversationSummaryDto>> Handle(GetContactConversationsQuery query, CancellationToken cancellationToken)
    {
        if (!await context.Contacts.AnyAsync(c => c.Id == query.ContactId, cancellationToken))
            throw new NotFoundException("No such contact.");
        return await context.Conversations.AsNoTracking()
            .Where(c => c.ContactId == query.ContactId)
            .OrderByRecentActivity(KeysetCursor.Decode(query.Cursor))
            .ProjectToSummary(context)
            .ToCursorPageAsync(query.Limit, c => new KeysetCursor(c.LastMessageAt, c.Id), cancellationToken);
    }
}

public sealed class GetContactConversationsQueryValidator : AbstractValidator<GetContactConversationsQuery>
{
    public GetContactConversationsQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
