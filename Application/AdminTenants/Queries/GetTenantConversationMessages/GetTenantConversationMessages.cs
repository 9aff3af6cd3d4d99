using VirtuOps.Application.AdminTenants.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.AdminTenants.Queries.GetTenantConversationMessages;

/// <summary>One of a tenant's conversations, newest message first, for staff while the owner's access grant runs (403 otherwise).</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Support)]
public sealed record GetTenantConversationMessagesQuery(Guid TenantId, Guid ConversationId, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<MessageDto>>;

public sealed class GetTenantConversationMessagesQueryHandler(IApplicationDbContext context, CustomerDataAccess access)
    : IQueryHandler<GetTenantConversationMessagesQuery, CursorPage<MessageDto>>
{
    public async ValueTask<CursorPage<MessageDto>> Handle(GetTenantConversationMessagesQuery query, CancellationToken cancellationToken)
    {
        await access.BeginAsync(query.TenantId, cancellationToken);
        // Scoped to the tenant now: another tenant's conversation is not found.
        return await context.HistoryPageAsync(query.ConversationId, query.Cursor, query.Limit, cancellationToken);
    }
}

public sealed class GetTenantConversationMessagesQueryValidator : AbstractValidator<GetTenantConversationMessagesQuery>
{
    public GetTenantConversationMessagesQueryValidator()
    {
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
