using VirtuOps.Application.Partners.Queries.GetMyPartner;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Partners;

namespace VirtuOps.Application.Partners.Commands.BecomePartner;

/// <summary>The owner joins the partner programme and gets the tenant's referral code; joining again changes nothing.</summary>
[Authorize(Roles = Roles.Owner)]
public sealed record BecomePartnerCommand : ICommand<PartnerDto>;

public sealed class BecomePartnerCommandHandler(IApplicationDbContext context, ISender sender, TimeProvider time) : ICommandHandler<BecomePartnerCommand, PartnerDto>
{
    public async ValueTask<PartnerDto> Handle(BecomePartnerCommand command, CancellationToken cancellationToken)
    {
        if (!await context.Partners.AnyAsync(cancellationToken))
        {
            var partner = Partner.Join(time.GetUtcNow());
            context.Partners.Add(partner);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A double click: the other request joined first (one partner per tenant); its row is the answer.
                context.Partners.Entry(partner).State = EntityState.Detached;
            }
        }

        return await sender.Send(new GetMyPartnerQuery(), cancellationToken);
    }
}
