using PhoneNumbers;

namespace VirtuOps.Application.Common.Phones;

/// <summary>Mobile numbers in E.164 form. Numbers without a country code are read as Uzbek (+998).</summary>
public static class MobilePhoneNumbers
{
    private const string DefaultRegion = "UZ";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form of a valid mobile number, or null when the input is not one.</summary>
    public static string? ToE164Mobile(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            return null;
        try
        {
            var number = Util.Parse(input, DefaultRegion);
            var type = Util.GetNumberType(number);
            var isMobile = type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
            return Util.IsValidNumber(number) && isMobile ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>For messages to the user: "+998*******67".</summary>
    public static string Mask(string e164) =>
        e164.Length <= 4 ? e164 : string.Concat(e164[..4], new string('*', e164.Length - 6), e164[^2..]);
}

public static class PhoneNumberValidationExtensions
{
    public static IRuleBuilderOptions<T, string> MobilePhoneNumber<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(value => MobilePhoneNumbers.ToE164Mobile(value) is not null)
            .WithMessage("'{PropertyName}' must be a mobile phone number, e.g. +998 90 123 45 67.");
}
