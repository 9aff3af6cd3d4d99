using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Phones;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Commands.SendPhoneCode;

/// <summary>Sends (again) a code to verify the signed-in user's phone; no sooner than 60 s after the last one.</summary>
[Authorize]
public sealed record SendPhoneCodeCommand : ICommand<PhoneCodeSentDto>;

public sealed class SendPhoneCodeCommandHandler(ICurrentUser currentUser, IIdentityService identity, OneTimeCodes codes)
    : ICommandHandler<SendPhoneCodeCommand, PhoneCodeSentDto>
{
    public async ValueTask<PhoneCodeSentDto> Handle(SendPhoneCodeCommand command, CancellationToken cancellationToken)
    {
        var user = await identity.FindByIdAsync(currentUser.UserId ?? throw new SignInRequiredException(), cancellationToken) ?? throw new SignInRequiredException();
        if (user.PhoneNumber is null)
            throw ValidationException.ForField("phoneNumber", "Add a mobile phone number first.");
        if (user.PhoneNumberConfirmed)
            throw new ConflictException("This phone number is already verified.");

        await codes.SendAsync(user.Id, OneTimeCodePurpose.PhoneVerification, user.PhoneNumber, cancellationToken);
        return new PhoneCodeSentDto(MobilePhoneNumbers.Mask(user.PhoneNumber));
    }
}
