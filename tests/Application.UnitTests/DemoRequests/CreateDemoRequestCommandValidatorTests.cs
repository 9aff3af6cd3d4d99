using VirtuOps.Application.DemoRequests.Commands.CreateDemoRequest;

namespace Application.UnitTests.DemoRequests;

public sealed class CreateDemoRequestCommandValidatorTests
{
    private static readonly CreateDemoRequestCommandValidator Validator = new();
    private static readonly CreateDemoRequestCommand Valid = new("Aziz Karimov", "aziz@example.uz", "Oila Market", null, null);

    [Theory]
    [InlineData(null)]
    [InlineData("+998 90 123 45 67")]
    [InlineData("+998901234567")]
    [InlineData("(90) 123-45-67")]
    public void A_missing_or_well_formed_phone_number_is_accepted(string? phoneNumber)
    {
        Validator.Validate(Valid with { PhoneNumber = phoneNumber }).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("call me")]
    [InlineData("+99")]
    public void A_malformed_phone_number_is_refused(string phoneNumber)
    {
        Validator.Validate(Valid with { PhoneNumber = phoneNumber }).Errors
            .ShouldHaveSingleItem().PropertyName.ShouldBe(nameof(CreateDemoRequestCommand.PhoneNumber));
    }

    [Fact]
    public void Every_missing_required_field_is_reported()
    {
        var result = Validator.Validate(new CreateDemoRequestCommand("", "", "", null, null));

        result.Errors.Select(e => e.PropertyName).Distinct().ShouldBe(
            [nameof(CreateDemoRequestCommand.FullName), nameof(CreateDemoRequestCommand.Email), nameof(CreateDemoRequestCommand.CompanyName)],
            ignoreOrder: true);
    }
}
