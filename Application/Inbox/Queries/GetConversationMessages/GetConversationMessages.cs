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
        if (!await context.Conversations.AnyAsync(c => c.Id == query.ConversationId, cancellationToken))
            throw new NotFoundException("No such conversation.");
        var messages = context.Messages.AsNoTracking().Where(m => m.ConversationId == query.ConversationId);
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            messages = messages.Where(m => m.SentAt < after.At || (m.SentAt == after.At && m.Id.CompareTo(after.Id) < 0));
        return await messages
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id)
            .ProjectToDto()
            .ToCursorPageAsync(query.Limit, m => new KeysetCursor(m.SentAt, m.Id), cancellationToken);
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
