using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Inbox.Queries.GetConversation;

/// <summary>One conversation with its messages, oldest first.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetConversationQuery(Guid Id) : IQuery<ConversationDetailDto>;

public sealed record ConversationDetailDto(ConversationSummaryDto Conversation, IReadOnlyList<MessageDto> Messages);

public sealed class GetConversationQueryHandler(IApplicationDbContext context) : IQueryHandler<GetConversationQuery, ConversationDetailDto>
{
    public const int MaxMessages = 500;

    public async ValueTask<ConversationDetailDto> Handle(GetConversationQuery query, CancellationToken cancellationToken)
    {
        var summary = await context.Conversations.AsNoTracking().Where(c => c.Id == query.Id).ProjectToSummary(context).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("No such conversation.");
        var newest = await context.Messages.AsNoTracking()
            .Where(m => m.ConversationId == query.Id)
            .OrderByDescending(m => m.SentAt)
            .Take(MaxMessages)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
        return new ConversationDetailDto(summary, newest.OrderBy(m => m.SentAt).ToList());
    }
}
