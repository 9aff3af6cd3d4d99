using VirtuOps.Application.Billing.Common;
using VirtuOps.Application.PrivacyRequests.Common;
using VirtuOps.Application.ProcessingRestriction.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.PrivacyRequests;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Consents.Commands.WithdrawConsent;

/// <summary>
/// Withdraws a consent the user currently holds. The withdrawal is appended to the history with its time, origin
/// and effect; processing done before it stays lawful (Privacy Policy, section 7). Withdrawing RecurringCharges
/// cancels the subscription at once, exactly as Cancel does (which records the withdrawal). The owner's withdrawal of
/// the Privacy Policy or the Public Offer restricts the tenant's processing until they accept it again or erase the account.
/// </summary>
[Authorize]
[AllowedWhileRestricted]
public sealed record WithdrawConsentCommand(ConsentKind Kind) : ICommand<ConsentWithdrawnDto>;

public sealed record ConsentWithdrawnDto(ConsentKind Kind, DateTimeOffset WithdrawnAt, string Effect);

public sealed class WithdrawConsentCommandHandler(
    ICurrentUser currentUser, IApplicationDbContext context, IClientInfo client, SubscriptionCancellation subscriptionCancellation,
    PrivacyRequestRecorder privacyRequests, TimeProvider time)
    : ICommandHandler<WithdrawConsentCommand, ConsentWithdrawnDto>
{
    public async ValueTask<ConsentWithdrawnDto> Handle(WithdrawConsentCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var latest = await context.ConsentRecords
            .Where(c => c.UserId == userId && c.Kind == command.Kind)
            .OrderByDescending(c => c.OccurredAt)
            .ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is not { Action: ConsentAction.Granted })
            throw new ConflictException($"There is no current {command.Kind} consent to withdraw.");

        var effect = EffectOf(command.Kind);
        // A withdrawal is a data-subject request answered at once; it is saved with the withdrawal below.
        privacyRequests.RecordAnswered(PrivacyRequestKind.ConsentWithdrawal, $"Withdraw consent: {command.Kind}", effect);
        if (command.Kind == ConsentKind.RecurringCharges)
            return new ConsentWithdrawnDto(command.Kind, await subscriptionCancellation.CancelAsync(cancellationToken), effect);

        var now = time.GetUtcNow();
        context.ConsentRecords.Add(ConsentRecord.Withdraw(userId, currentUser.TenantId, command.Kind, latest.DocumentVersion, now, client.IpAddress, client.UserAgent, effect));
        var restriction = ConsentRestrictions.WithdrawalOf(command.Kind);
        if (restriction != TenantRestrictions.None && currentUser.IsInRole(Roles.Owner) && currentUser.TenantId is { } tenantId)
            (await context.Tenants.SingleAsync(t => t.Id == tenantId, cancellationToken)).Restrict(restriction, now);
        await context.SaveChangesAsync(cancellationToken);
        return new ConsentWithdrawnDto(command.Kind, now, effect);
    }

    // What each withdrawal means for the user, recorded with it so the history says what was agreed to happen.
    private static string EffectOf(ConsentKind kind) => kind switch
    {
        ConsentKind.PrivacyPolicy or ConsentKind.PublicOffer =>
            "The service cannot be provided without this consent: for the owner, processing of the account's data is restricted to storage (bots stop, nothing is sent to third parties) until the document is accepted again or the account is erased.",
        ConsentKind.RecurringCharges => SubscriptionCancellation.ConsentWithdrawalEffect,
        ConsentKind.AiDataSharing => "Tenant data is no longer sent to external AI providers; the built-in engine answers.",
        _ => "Recorded.",
    };
}

public sealed class WithdrawConsentCommandValidator : AbstractValidator<WithdrawConsentCommand>
{
    public WithdrawConsentCommandValidator() => RuleFor(c => c.Kind).IsInEnum();
}
