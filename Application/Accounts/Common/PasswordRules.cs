namespace VirtuOps.Application.Accounts.Common;

/// <summary>
/// Password rules checked before Identity sees the password, so a weak one is a field error like any other.
/// Identity's own options (Infrastructure) enforce the same minimum.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 10;

    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .MinimumLength(MinimumLength)
            .MaximumLength(128)
            .Must(p => p.Any(char.IsLetter) && p.Any(char.IsDigit))
            .WithMessage("'{PropertyName}' must contain letters and digits.");
}
