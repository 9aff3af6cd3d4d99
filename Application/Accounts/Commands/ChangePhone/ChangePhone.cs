using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Common.Phones;
using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Commands.ChangePhone;

/// <summary>Replaces the phone number; it is unverified (and two-factor sign-in is paused) until the new code is entered.</summary>
[Authorize]
public sealed record ChangePhoneCommand(string PhoneNumber) : ICommand<PhoneCodeSentDto>;

public sealed class ChangePhoneCommandHandler(ICurrentUser currentUser, IIdentityService identity, OneTimeCodes codes)
    : ICommandHandler<ChangePhoneCommand, PhoneCodeSentDto>
{
    public async ValueTask<PhoneCodeSentDto> Handle(ChangePhoneCommand command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var phone = MobilePhoneNumbers.ToE164Mobile(command.PhoneNumber)!;
        await identity.SetPhoneNumberAsync(userId, phone, cancellationToken);
        await codes.SendAsync(userId, OneTimeCodePurpose.PhoneVerification, phone, cancellationToken);
        return new PhoneCodeSentDto(MobilePhoneNumbers.Mask(phone));
    }
}

public sealed class ChangePhoneCommandValidator : AbstractValidator<ChangePhoneCommand>
{
    public ChangePhoneCommandValidator() => RuleFor(c => c.PhoneNumber).NotEmpty().MobilePhoneNumber();
}
