using VirtuOps.Application.Contacts.Common;
using VirtuOps.Domain.Common;

namespace VirtuOps.Application.Contacts.Queries.GetContact;

[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record GetContactQuery(Guid Id) : IQuery<ContactDto>;

public sealed class GetContactQueryHandler(IApplicationDbContext context) : IQueryHandler<GetContactQuery, ContactDto>
{
    // The tenant filter makes another tenant's contact as absent as one that never existed.
    public async ValueTask<ContactDto> Handle(GetContactQuery query, CancellationToken cancellationToken) =>
        await context.Contacts.AsNoTracking().Where(c => c.Id == query.Id).ProjectToDto().SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("No such contact.");
}
