using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminTenants.Queries.GetTenantConversations;

/// <summary>A tenant's conversations, most recently active first, for staff while the owner's access grant runs (403 otherwise).</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetTenantConversationsQuery(Guid TenantId, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<ConversationSummaryDto>>;

public sealed class GetTenantConversationsQueryHandler(IApplicationDbContext context, CustomerDataAccess access)
    : IQueryHandler<GetTenantConversationsQuery, CursorPage<ConversationSummaryDto>>
{
    public async ValueTask<CursorPage<ConversationSummaryDto>> Handle(GetTenantConversationsQuery query, CancellationToken cancellationToken)
    {
        await access.BeginAsync(query.TenantId, cancellationToken);
        return await context.Conversations.AsNoTracking()
            .OrderByRecentActivity(KeysetCursor.Decode(query.Cursor))
            .ProjectToSummary(context)
            .ToCursorPageAsync(query.Limit, c => new KeysetCursor(c.LastMessageAt, c.Id), cancellationToken);
    }
}

public sealed class GetTenantConversationsQueryValidator : AbstractValidator<GetTenantConversationsQuery>
{
    public GetTenantConversationsQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
