using Microsoft.Extensions.Options;
using VirtuOps.Infrastructure.Paylov;

namespace Infrastructure.IntegrationTests.Paylov;

public sealed class PaylovCallbackCredentialsTests
{
    private static readonly PaylovCallbackCredentials Credentials = new(Options.Create(new PaylovOptions
    {
        CallbackUserName = FakePaylovServer.CallbackUserName,
        CallbackPassword = FakePaylovServer.CallbackPassword,
    }));

    [Fact]
    public void The_configured_user_name_and_password_are_valid_whatever_the_schemes_case()
    {
        Credentials.AreValid(FakePaylovServer.CallbackAuthorization()).ShouldBeTrue();
        Credentials.AreValid("basic " + FakePaylovServer.CallbackAuthorization()["Basic ".Length..]).ShouldBeTrue();
    }

    [Theory]
    [InlineData(FakePaylovServer.CallbackUserName, "wrong-password")]
    [InlineData("someone-else", FakePaylovServer.CallbackPassword)]
    [InlineData(FakePaylovServer.CallbackUserName, "")]
    [InlineData("", "")]
    public void Other_credentials_are_invalid(string userName, string password) =>
        Credentials.AreValid(FakePaylovServer.CallbackAuthorization(userName, password)).ShouldBeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic not-base64!")]
    [InlineData("Bearer " + FakePaylovServer.CallbackPassword)]
    public void A_missing_or_malformed_header_is_invalid(string? header) =>
        Credentials.AreValid(header).ShouldBeFalse();

    [Fact]
    public void Without_configured_credentials_nothing_is_valid()
    {
        var unconfigured = new PaylovCallbackCredentials(Options.Create(new PaylovOptions()));

        unconfigured.AreValid(FakePaylovServer.CallbackAuthorization()).ShouldBeFalse();
        unconfigured.AreValid(FakePaylovServer.CallbackAuthorization("", "")).ShouldBeFalse();
    }
}
