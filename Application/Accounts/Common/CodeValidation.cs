using VirtuOps.Domain.Verification;

namespace VirtuOps.Application.Accounts.Common;

public static class CodeValidation
{
    public static IRuleBuilderOptions<T, string> SixDigitCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .Length(OneTimeCode.Length)
            .Must(code => code.All(char.IsAsciiDigit))
            .WithMessage("'{PropertyName}' must be the 6 digits from the SMS.");
}
