using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Infrastructure.IntegrationTests.Paylov;

public sealed class SandboxPaylovClientTests
{
    private static readonly Uri ReturnUrl = new("https://localhost:5080/billing/return?plan=pro");

    private readonly SandboxPaylovClient _sandbox = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));

    private async Task<CardBindingSession> StartAsync(string externalId = "bind_0195") =>
        await _sandbox.StartCardBindingAsync(externalId, "0195user", 100_000, ReturnUrl, CancellationToken.None);

    private Task<CardBindingResult> BindingAsync(CardBindingSession session) =>
        _sandbox.GetCardBindingAsync(session.SessionId, CancellationToken.None);

    [Fact]
    public async Task The_hosted_page_is_served_by_our_app_at_the_return_urls_origin()
    {
        var session = await StartAsync();

        session.RedirectUrl.ShouldBe(new Uri($"https://localhost:5080/sandbox/paylov/checkout/{session.SessionId}"));
        (await StartAsync()).ShouldBe(session);
        (await BindingAsync(session)).Status.ShouldBe(CardBindingStatus.Pending);
    }

    [Theory]
    [InlineData(SandboxCards.UzCardSucceeds, CardType.UzCard, "860000******0007")]
    [InlineData(SandboxCards.HumoSucceeds, CardType.Humo, "986000******0018")]
    public async Task A_success_card_binds_with_a_token_and_only_the_masked_pan(string number, CardType type, string masked)
    {
        var session = await StartAsync();

        var page = _sandbox.SubmitCard(session.SessionId, number[..4] + " " + number[4..], "07/29", "123")!;

        page.Step.ShouldBe(SandboxCheckoutStep.Finished);
        var result = await BindingAsync(session);
        result.Status.ShouldBe(CardBindingStatus.Confirmed);
        result.Card.ShouldNotBeNull();
        result.Card.MaskedPan.ShouldBe(masked);
        result.Card.CardType.ShouldBe(type);
        result.Card.ExpiryYyMm.ShouldBe("2907");
        result.Card.CardId.ShouldNotContain(number[6..12]);
        (await _sandbox.GetTransactionAsync(result.TransactionId!, CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Succeeded);
    }

    [Theory]
    [InlineData(SandboxCards.Declined, "card_is_blocked")]
    [InlineData(SandboxCards.InsufficientFunds, "insufficient_funds")]
    public async Task A_failing_card_fails_the_binding(string number, string reason)
    {
        var session = await StartAsync();

        _sandbox.SubmitCard(session.SessionId, number, "07/29", "123");

        var result = await BindingAsync(session);
        result.Status.ShouldBe(CardBindingStatus.Failed);
        result.Card.ShouldBeNull();
        result.FailureReason.ShouldBe(reason);
    }

    [Fact]
    public async Task An_expired_card_fails_the_binding()
    {
        var session = await StartAsync();

        _sandbox.SubmitCard(session.SessionId, SandboxCards.UzCardSucceeds, "10/26", "123");

        (await BindingAsync(session)).FailureReason.ShouldBe("card_expired");
    }

    [Fact]
    public async Task A_number_that_is_not_a_test_card_is_refused_on_the_page()
    {
        var session = await StartAsync();

        var page = _sandbox.SubmitCard(session.SessionId, "4111111111111111", "07/29", "123")!;

        page.Step.ShouldBe(SandboxCheckoutStep.EnterCard);
        page.Error.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_otp_card_binds_only_after_the_sandbox_code()
    {
        var session = await StartAsync();

        _sandbox.SubmitCard(session.SessionId, SandboxCards.RequiresOtp, "07/29", "123")!.Step.ShouldBe(SandboxCheckoutStep.EnterOtp);
        _sandbox.SubmitOtp(session.SessionId, "000000")!.Error.ShouldNotBeNull();
        (await BindingAsync(session)).Status.ShouldBe(CardBindingStatus.Pending);

        _sandbox.SubmitOtp(session.SessionId, SandboxCards.OtpCode)!.Step.ShouldBe(SandboxCheckoutStep.Finished);
        (await BindingAsync(session)).Status.ShouldBe(CardBindingStatus.Confirmed);
    }

    [Fact]
    public async Task Three_wrong_codes_fail_the_binding()
    {
        var session = await StartAsync();
        _sandbox.SubmitCard(session.SessionId, SandboxCards.RequiresOtp, "07/29", "123");

        for (var i = 0; i < SandboxCards.OtpAttempts; i++)
            _sandbox.SubmitOtp(session.SessionId, "000000");

        (await BindingAsync(session)).FailureReason.ShouldBe("too_many_attempts");
    }

    [Fact]
    public async Task Receipts_are_idempotent_and_clearly_not_real()
    {
        var session = await StartAsync();
        _sandbox.SubmitCard(session.SessionId, SandboxCards.UzCardSucceeds, "07/29", "123");
        var paid = (await BindingAsync(session)).TransactionId!;
        var request = new ReceiptRequest(paid, 100_000, [new FiscalItem("VirtuOps Pro obunasi (1 oy)", "10305008003000000", "1545643", 1, 100_000, 12, "309876543")]);

        var receipt = await _sandbox.RegisterReceiptAsync(request, CancellationToken.None);

        (await _sandbox.RegisterReceiptAsync(request, CancellationToken.None)).ShouldBe(receipt);
        receipt.Url.Host.ShouldEndWith(".invalid");
    }
}
