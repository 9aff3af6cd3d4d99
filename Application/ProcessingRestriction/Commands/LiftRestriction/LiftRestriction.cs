using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.ProcessingRestriction.Commands.LiftRestriction;

/// <summary>
/// The owner lifts the restriction they asked for. A restriction caused by a withdrawn consent stays until that
/// document is accepted again (the answer says which). Once nothing restricts the tenant, the customers' messages
/// stored meanwhile are processed and answered.
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record LiftRestrictionCommand : ICommand<ProcessingRestrictionDto>;

public sealed class LiftRestrictionCommandHandler(
    ICurrentUser currentUser, IApplicationDbContext context, ProcessingRestrictions restrictions, ConversationFlow conversations)
    : ICommandHandler<LiftRestrictionCommand, ProcessingRestrictionDto>
{
    public async ValueTask<ProcessingRestrictionDto> Handle(LiftRestrictionCommand command, CancellationToken cancellationToken)
    {
        var tenant = await context.Tenants.SingleAsync(t => t.Id == currentUser.TenantId, cancellationToken);
        var restrictedSince = tenant.RestrictedSince;
        tenant.Lift(TenantRestrictions.OwnerRequest);
        await context.SaveChangesAsync(cancellationToken);
        restrictions.Lifted(tenant);
        if (!tenant.HoldsProcessing && restrictedSince is { } since)
            await conversations.AnswerHeldAsync(tenant.Id, since, cancellationToken);
        return ProcessingRestrictionDto.Of(tenant);
    }
}
