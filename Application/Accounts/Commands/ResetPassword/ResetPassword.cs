using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Consents;

namespace VirtuOps.Application.Accounts.Commands.ResetPassword;

/// <summary>
/// Sets a new password from an e-mailed link (also how an invited agent sets their first password). A link works
/// once. Every session ends, this browser's too: whoever knew the old password is signed out everywhere. An invited
/// agent, who has never accepted the Privacy Policy, joins by accepting its current version here
/// (<see cref="AcceptPrivacyPolicy"/>); anyone else may accept a newer version the same way.
/// </summary>
public sealed record ResetPasswordCommand(Guid UserId, string Token, string NewPassword, bool AcceptPrivacyPolicy = false) : ICommand;

public sealed class ResetPasswordCommandHandler(
    IIdentityService identity, ISignInService signIn, IApplicationDbContext context, IClientInfo client, IOptions<LegalDocumentsOptions> legal, TimeProvider time)
    : ICommandHandler<ResetPasswordCommand>
{
    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await identity.FindByIdAsync(command.UserId, cancellationToken);
        // Checked before the one-time link is used up, so the invitee can tick the box and send again.
        var invitee = user?.TenantId is not null
            && !await context.ConsentRecords.AnyAsync(c => c.UserId == command.UserId && c.Kind == ConsentKind.PrivacyPolicy, cancellationToken);
        if (invitee && !command.AcceptPrivacyPolicy)
            throw ValidationException.ForField("acceptPrivacyPolicy", "Accept the Privacy Policy to join the team.");

        if (!await identity.ResetPasswordAsync(command.UserId, command.Token, command.NewPassword, cancellationToken))
            throw ValidationException.ForField("token", "This link is invalid, expired or already used. Ask for a new one.");

        var version = legal.Value.PrivacyPolicyVersion;
        if (command.AcceptPrivacyPolicy && user is not null
            && !await LegalAcceptance.IsCurrentAsync(context, command.UserId, ConsentKind.PrivacyPolicy, version, cancellationToken))
        {
            context.ConsentRecords.Add(ConsentRecord.Grant(command.UserId, user.TenantId, ConsentKind.PrivacyPolicy, version, time.GetUtcNow(),
                client.IpAddress, client.UserAgent));
            await context.SaveChangesAsync(cancellationToken);
        }

        await signIn.EndSessionsAsync(command.UserId, keepThisBrowser: false, cancellationToken);
        return Unit.Value;
    }
}

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Token).NotEmpty();
        RuleFor(c => c.NewPassword).StrongPassword();
    }
}
