using VirtuOps.Application.Common.Phones;

namespace Application.UnitTests.Accounts;

public sealed class MobilePhoneNumbersTests
{
    [Theory]
    [InlineData("+998 90 123 45 67", "+998901234567")]
    [InlineData("90 123-45-67", "+998901234567")] // no country code: read as Uzbek
    [InlineData("(93) 555 11 22", "+998935551122")]
    [InlineData("+7 916 123-45-67", "+79161234567")] // Russian mobile
    public void Mobile_numbers_are_normalised_to_E164(string input, string expected)
    {
        MobilePhoneNumbers.ToE164Mobile(input).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("+998 71 200 00 00")] // Tashkent landline: cannot receive an SMS code
    [InlineData("call me")]
    public void Anything_but_a_valid_mobile_number_is_refused(string input)
    {
        MobilePhoneNumbers.ToE164Mobile(input).ShouldBeNull();
    }

    [Fact]
    public void Masking_keeps_the_country_code_and_last_two_digits()
    {
        MobilePhoneNumbers.Mask("+998901234567").ShouldBe("+998*******67");
    }
}
