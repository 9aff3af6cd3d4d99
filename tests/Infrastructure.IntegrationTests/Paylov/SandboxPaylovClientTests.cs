using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov.Sandbox;

namespace Infrastructure.IntegrationTests.Paylov;

public sealed class SandboxPaylovClientTests
{
    private static readonly Uri ReturnUrl = new("https://localhost:5080/billing/return?plan=pro");
    private static readonly FiscalItem Plan = new("VirtuOps Pro, 1 oy", "10305001001000000", "1501000", 1, 29_900_000, 12);

    private readonly SandboxPaylovClient _sandbox = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)));

    private async Task<CardBindingSession> StartAsync(string externalId = "bind_0195") =>
        await _sandbox.StartCardBindingAsync(externalId, 100_000, ReturnUrl, CancellationToken.None);

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
        result.Card.Token.ShouldNotContain(number[6..12]);
        (await _sandbox.GetTransactionAsync("bind_0195", CancellationToken.None)).TransactionId.ShouldBe(result.TransactionId);
    }

    [Theory]
    [InlineData(SandboxCards.Declined, "declined")]
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

        (await BindingAsync(session)).FailureReason.ShouldBe("expired_card");
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

        (await BindingAsync(session)).FailureReason.ShouldBe("otp_failed");
    }

    [Fact]
    public async Task Charges_are_idempotent_and_removed_cards_are_declined()
    {
        var token = await BindAsync(SandboxCards.UzCardSucceeds);

        var first = await _sandbox.ChargeAsync(new ChargeRequest(token, 29_900_000, "sub_1_2026-11", "Pro", Plan), CancellationToken.None);
        var again = await _sandbox.ChargeAsync(new ChargeRequest(token, 29_900_000, "sub_1_2026-11", "Pro", Plan), CancellationToken.None);
        await _sandbox.RemoveCardAsync(token, CancellationToken.None);
        var afterRemoval = await _sandbox.ChargeAsync(new ChargeRequest(token, 29_900_000, "sub_1_2026-12", "Pro", Plan), CancellationToken.None);

        first.State.ShouldBe(PaylovTransactionState.Succeeded);
        again.ShouldBe(first);
        afterRemoval.State.ShouldBe(PaylovTransactionState.Declined);
        (await _sandbox.GetTransactionAsync("sub_1_2026-11", CancellationToken.None)).ShouldBe(first);
        (await _sandbox.GetTransactionAsync("sub_1_2027-01", CancellationToken.None)).State.ShouldBe(PaylovTransactionState.NotFound);
    }

    [Fact]
    public async Task The_renewals_fail_card_pays_once_then_runs_out_of_money()
    {
        var token = await BindAsync(SandboxCards.RenewalsFail);

        var renewal = await _sandbox.ChargeAsync(new ChargeRequest(token, 29_900_000, "sub_1_2026-12", "Pro", Plan), CancellationToken.None);

        renewal.State.ShouldBe(PaylovTransactionState.InsufficientFunds);
    }

    [Fact]
    public async Task Receipts_are_idempotent_and_clearly_not_real()
    {
        var request = new ReceiptRequest("sbx_tx_1", "rcpt_1", "owner@shop.uz", Plan);

        var receipt = await _sandbox.CreateReceiptAsync(request, CancellationToken.None);

        (await _sandbox.CreateReceiptAsync(request, CancellationToken.None)).ShouldBe(receipt);
        receipt.Url.Host.ShouldEndWith(".invalid");
    }

    private async Task<string> BindAsync(string number)
    {
        var session = await StartAsync($"bind_{number}");
        _sandbox.SubmitCard(session.SessionId, number, "07/29", "123");
        return (await BindingAsync(session)).Card!.Token;
    }
}
