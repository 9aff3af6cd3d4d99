using VirtuOps.Application.Accounts.Common;

namespace VirtuOps.Application.Accounts.Commands.VerifyPhone;

public sealed class VerifyPhoneCommandValidator : AbstractValidator<VerifyPhoneCommand>
{
    public VerifyPhoneCommandValidator() => RuleFor(c => c.Code).SixDigitCode();
}
