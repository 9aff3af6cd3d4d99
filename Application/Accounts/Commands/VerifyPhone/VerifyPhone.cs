using VirtuOps.Application.Accounts.Common;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Commands.VerifyPhone;

/// <summary>The user types the code they received; the phone it was sent to becomes verified.</summary>
[Authorize]
public sealed record VerifyPhoneCommand(string Code) : ICommand;

public sealed class VerifyPhoneCommandHandler(ICurrentUser currentUser, IIdentityService identity, OneTimeCodes codes)
    : ICommandHandler<VerifyPhoneCommand>
{
    public async ValueTask<Unit> Handle(VerifyPhoneCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var accepted = await codes.VerifyAsync(userId, OneTimeCodePurpose.PhoneVerification, command.Code, cancellationToken);
        await identity.ConfirmPhoneNumberAsync(userId, accepted.PhoneNumber, cancellationToken);
        return Unit.Value;
    }
}
