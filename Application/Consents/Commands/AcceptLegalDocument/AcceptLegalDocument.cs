using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Consents.Commands.AcceptLegalDocument;

/// <summary>
/// The user accepts the current version of the Privacy Policy or (the owner) the Public Offer: after a new version
/// was published, or again after withdrawing it. The owner's acceptance lifts the restriction the withdrawal put on
/// the tenant. Accepting the version already accepted changes nothing.
/// </summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record AcceptLegalDocumentCommand(ConsentKind Kind) : ICommand;

public sealed class AcceptLegalDocumentCommandHandler(
    ICurrentUser currentUser, IApplicationDbContext context, IClientInfo client, IOptions<LegalDocumentsOptions> legal,
    ProcessingRestrictions restrictions, ConversationFlow conversations, TimeProvider time) : ICommandHandler<AcceptLegalDocumentCommand>
{
    public async ValueTask<Unit> Handle(AcceptLegalDocumentCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var owner = currentUser.IsInRole(Roles.Owner);
        if (command.Kind == ConsentKind.PublicOffer && !owner)
            throw new ForbiddenAccessException("The Public Offer is the owner's contract: only the owner accepts it.");

        var version = legal.Value.VersionOf(command.Kind);
        if (!await LegalAcceptance.IsCurrentAsync(context, userId, command.Kind, version, cancellationToken))
            context.ConsentRecords.Add(ConsentRecord.Grant(userId, currentUser.TenantId, command.Kind, version, time.GetUtcNow(), client.IpAddress, client.UserAgent));

        var tenant = owner && currentUser.TenantId is { } tenantId
            ? await context.Tenants.SingleAsync(t => t.Id == tenantId, cancellationToken)
            : null;
        var restrictedSince = tenant?.RestrictedSince;
        tenant?.Lift(ConsentRestrictions.WithdrawalOf(command.Kind));
        await context.SaveChangesAsync(cancellationToken);
        if (tenant is null)
            return Unit.Value;
        restrictions.Lifted(tenant);
        if (!tenant.HoldsProcessing && restrictedSince is { } since)
            await conversations.AnswerHeldAsync(tenant.Id, since, cancellationToken);
        return Unit.Value;
    }
}

public sealed class AcceptLegalDocumentCommandValidator : AbstractValidator<AcceptLegalDocumentCommand>
{
    public AcceptLegalDocumentCommandValidator() =>
        RuleFor(c => c.Kind).Must(k => k is ConsentKind.PrivacyPolicy or ConsentKind.PublicOffer)
            .WithMessage("Only the Privacy Policy and the Public Offer are accepted here.");
}
