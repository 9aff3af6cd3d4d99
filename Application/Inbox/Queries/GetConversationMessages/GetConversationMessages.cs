using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Inbox.Queries.GetConversationMessages;

/// <summary>A conversation's whole history, newest first, a cursor page at a time (the conversation itself shows the latest 500).</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetConversationMessagesQuery(Guid ConversationId, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<MessageDto>>;

public sealed class GetConversationMessagesQueryHandler(IApplicationDbContext context)
    : IQueryHandler<GetConversationMessagesQuery, CursorPage<MessageDto>>
{
    public async ValueTask<CursorPage<MessageDto>> Handle(GetConversationMessagesQuery query, CancellationToken cancellationToken)
    {
        return await context.HistoryPageAsync(query.ConversationId, query.Cursor, query.Limit, cancellationToken);
    }
}

public sealed class GetConversationMessagesQueryValidator : AbstractValidator<GetConversationMessagesQuery>
{
    public GetConversationMessagesQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
