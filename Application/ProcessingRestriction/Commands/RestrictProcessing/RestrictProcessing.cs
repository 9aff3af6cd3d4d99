using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.ProcessingRestriction.Commands.RestrictProcessing;

/// <summary>
/// The owner restricts the processing of the tenant's data (Privacy Policy, section 8): the data is kept, but the bots
/// stop answering, nothing is sent to Meta, Telegram or an AI provider, renewals pause and the tenant's writes are
/// refused, until the owner lifts it. Customers' messages that arrive meanwhile are stored and answered after it.
/// </summary>
[Authorize(Roles = Roles.Owner)]
[AllowedWhileRestricted]
public sealed record RestrictProcessingCommand : ICommand<ProcessingRestrictionDto>;

public sealed class RestrictProcessingCommandHandler(ICurrentUser currentUser, IApplicationDbContext context, PrivacyRequestRecorder privacyRequests, TimeProvider time)
    : ICommandHandler<RestrictProcessingCommand, ProcessingRestrictionDto>
{
    public async ValueTask<ProcessingRestrictionDto> Handle(RestrictProcessingCommand command, CancellationToken cancellationToken)
    {
        var tenant = await context.Tenants.SingleAsync(t => t.Id == currentUser.TenantId, cancellationToken);
        tenant.Restrict(TenantRestrictions.OwnerRequest, time.GetUtcNow());
        // A data-subject request answered at once; saved with the restriction.
        privacyRequests.RecordAnswered(PrivacyRequestKind.Restriction, "Restrict processing",
            "Processing is restricted: the data is kept, the bots are silent, nothing is sent to third parties and nothing can be changed until the owner lifts it.");
        await context.SaveChangesAsync(cancellationToken);
        return ProcessingRestrictionDto.Of(tenant);
    }
}
