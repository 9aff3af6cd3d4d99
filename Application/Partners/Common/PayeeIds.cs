namespace VirtuOps.Application.Partners.Common;

/// <summary>The formats of a payee's PINFL and STIR, and the texts of their refusals.</summary>
public static class PayeeIds
{
    /// <summary>
    /// 14 digits, the first 1-6 (century and sex). Whether it is the payout card holder's is Paylov's <c>checkPinflMatch</c>.
    /// </summary>
    public static bool IsPinfl(string? value) =>
        value is { Length: 14 } && value.All(char.IsAsciiDigit) && value[0] is >= '1' and <= '6';

    /// <summary>
    /// 9 digits, the first 2-7 (the ranges the tax committee assigns). The ninth is a check digit whose algorithm the tax
    /// committee does not publish, and Paylov has no STIR check: the format is all that can be verified.
    /// </summary>
    public static bool IsStir(string? value) =>
        value is { Length: 9 } && value.All(char.IsAsciiDigit) && value[0] is >= '2' and <= '7';

    public const string PinflNotMatching =
        "Bu JShShIR karta egasiniki emas. / Этот ПИНФЛ не принадлежит владельцу карты. / This PINFL is not the card holder's.";
}
