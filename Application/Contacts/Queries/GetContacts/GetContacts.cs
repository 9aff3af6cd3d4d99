using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Contacts.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;

namespace VirtuOps.Application.Contacts.Queries.GetContacts;

/// <summary>
/// The tenant's customers, newest first: searched by name or channel id (a WhatsApp contact's id is their phone
/// number, so a phone typed with spaces or a plus still finds them) and filtered by channel, a cursor page at a time.
/// </summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetContactsQuery(string? Search = null, Channel? Channel = null, string? Cursor = null, int Limit = KeysetCursor.DefaultLimit)
    : IQuery<CursorPage<ContactDto>>;

public sealed class GetContactsQueryHandler(IApplicationDbContext context) : IQueryHandler<GetContactsQuery, CursorPage<ContactDto>>
{
    public async ValueTask<CursorPage<ContactDto>> Handle(GetContactsQuery query, CancellationToken cancellationToken)
    {
        var contacts = context.Contacts.AsNoTracking();
        if (query.Channel is { } channel)
            contacts = contacts.Where(c => c.Channel == channel);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // LIKE ignores case (SQLite: Latin letters only) where Contains would not.
            var term = $"%{LikePattern.Escape(query.Search.Trim())}%";
            var digits = new string(query.Search.Where(char.IsAsciiDigit).ToArray());
            var phone = digits.Length >= 3 ? $"%{digits}%" : term;
            const string escape = LikePattern.EscapeCharacter;
            contacts = contacts.Where(c => EF.Functions.Like(c.DisplayName, term, escape) || EF.Functions.Like(c.ExternalId, term, escape)
                || EF.Functions.Like(c.ExternalId, phone, escape));
        }
        if (KeysetCursor.Decode(query.Cursor) is { } after)
            contacts = contacts.Where(c => c.Created < after.At || (c.Created == after.At && c.Id.CompareTo(after.Id) < 0));

        return await contacts
            .OrderByDescending(c => c.Created).ThenByDescending(c => c.Id)
            .ProjectToDto()
            .ToCursorPageAsync(query.Limit, c => new KeysetCursor(c.FirstSeenAt, c.Id), cancellationToken);
    }
}

public sealed class GetContactsQueryValidator : AbstractValidator<GetContactsQuery>
{
    public GetContactsQueryValidator()
    {
        RuleFor(q => q.Search).MaximumLength(200);
        RuleFor(q => q.Channel).IsInEnum();
        RuleFor(q => q.Cursor).MustBeCursor();
        RuleFor(q => q.Limit).MustBeLimit();
    }
}
