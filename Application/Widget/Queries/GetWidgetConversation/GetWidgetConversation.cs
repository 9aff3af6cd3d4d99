using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Widget.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Widget.Queries.GetWidgetConversation;

/// <summary>The visitor's conversation with this bot so far (empty before the first message), oldest first.</summary>
public sealed record GetWidgetConversationQuery(string WidgetKey, string? Origin, string VisitorId) : IQuery<WidgetConversationDto>;

public sealed record WidgetConversationDto(Guid? ConversationId, ConversationStatus? Status, IReadOnlyList<MessageDto> Messages);

public sealed class GetWidgetConversationQueryHandler(WidgetAccess access, IApplicationDbContext context)
    : IQueryHandler<GetWidgetConversationQuery, WidgetConversationDto>
{
    public const int MaxMessages = 200;

    public async ValueTask<WidgetConversationDto> Handle(GetWidgetConversationQuery query, CancellationToken cancellationToken)
    {
        var bot = await access.OpenAsync(query.WidgetKey, query.Origin, cancellationToken);
        var visitor = await access.FindVisitorAsync(query.VisitorId, cancellationToken);
        var conversation = visitor is null
            ? null
            : await context.Conversations.AsNoTracking().LatestAsync(bot.Id, visitor.Id, cancellationToken);
        if (conversation is null)
            return new WidgetConversationDto(null, null, []);

        var newest = await context.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id)
            .OrderByDescending(m => m.SentAt)
            .Take(MaxMessages)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        return new WidgetConversationDto(conversation.Id, conversation.Status, newest.OrderBy(m => m.SentAt).ToList());
    }
}

public sealed class GetWidgetConversationQueryValidator : AbstractValidator<GetWidgetConversationQuery>
{
    public GetWidgetConversationQueryValidator() => RuleFor(q => q.VisitorId).VisitorId();
}
