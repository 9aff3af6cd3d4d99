using Microsoft.Extensions.Options;
using VirtuOps.Infrastructure.Paylov;

namespace Infrastructure.IntegrationTests.Paylov;

public sealed class PaylovSignatureTests
{
    private static readonly PaylovSignature Signature = new(Options.Create(new PaylovOptions { CallbackSecret = FakePaylovServer.CallbackSecret }));

    [Fact]
    public void A_callback_signed_with_the_shared_secret_is_valid()
    {
        var (body, signature) = FakePaylovServer.SignedCallback("tx_0001", "sub_0195_2026-11", "success");

        Signature.IsValid(body, signature).ShouldBeTrue();
        Signature.IsValid(body, signature.ToUpperInvariant()).ShouldBeTrue();
    }

    [Fact]
    public void A_changed_body_is_invalid()
    {
        var (body, signature) = FakePaylovServer.SignedCallback("tx_0001", "sub_0195_2026-11", "declined");
        var tampered = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body).Replace("declined", "success", StringComparison.Ordinal));

        Signature.IsValid(tampered, signature).ShouldBeFalse();
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_invalid()
    {
        var (body, signature) = FakePaylovServer.SignedCallback("tx_0001", "sub_0195_2026-11", "success", secret: "someone-elses-secret");

        Signature.IsValid(body, signature).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("abcd")]
    public void A_missing_or_malformed_signature_is_invalid(string? header)
    {
        var (body, _) = FakePaylovServer.SignedCallback("tx_0001", "sub_0195_2026-11", "success");

        Signature.IsValid(body, header).ShouldBeFalse();
    }

    [Fact]
    public void Without_a_configured_secret_nothing_is_valid()
    {
        var unconfigured = new PaylovSignature(Options.Create(new PaylovOptions()));
        var (body, signature) = FakePaylovServer.SignedCallback("tx_0001", "sub_0195_2026-11", "success");

        unconfigured.IsValid(body, signature).ShouldBeFalse();
    }

    [Fact]
    public void Compute_matches_what_the_fake_signs()
    {
        var (body, signature) = FakePaylovServer.SignedCallback("tx_0001", "sub_0195_2026-11", "success");

        PaylovSignature.Compute(FakePaylovServer.CallbackSecret, body).ShouldBe(signature);
    }
}
