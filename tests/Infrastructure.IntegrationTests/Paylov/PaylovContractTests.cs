using VirtuOps.Application.Billing.Payments;

namespace Infrastructure.IntegrationTests.Paylov;

/// <summary>
/// What the Application layer relies on from <see cref="IPaylovClient"/>, run against every implementation: the HTTP
/// adapter talking to the fake Paylov (<see cref="HttpPaylovContractTests"/>) and the in-process sandbox
/// (<see cref="SandboxPaylovContractTests"/>).
/// </summary>
public abstract class PaylovContractTests
{
    protected const string UserId = "0195a1b2c3d4e5f60718293a4b5c6d7e";

    protected static FiscalItem Line(long priceTiyin) =>
        new("VirtuOps Pro obunasi (1 oy)", "10305008003000000", "1545643", 1, priceTiyin, 12, "309876543");

    protected abstract IPaylovClient Client { get; }

    protected abstract IPaylovCardBinding Binding { get; }

    protected abstract IPaylovPayouts Payouts { get; }

    /// <summary>The PINFL of the bound test cards' holder, and one that is someone else's.</summary>
    protected const string HolderPinfl = "31505900123456";
    protected const string OtherPinfl = "30000000000000";

    /// <summary>Every SMS code sent so far expires.</summary>
    protected abstract void ExpireOtps();

    /// <summary>A test card number both gateways bind (Luhn-valid UzCard), and one both refuse as blocked.</summary>
    protected const string CardNumber = "8600000000000007";
    protected const string BlockedCardNumber = "8600000000000015";

    /// <summary>A card bound for <see cref="UserId"/> that pays.</summary>
    protected abstract Task<string> BindCardThatPaysAsync();

    /// <summary>A card bound for <see cref="UserId"/> whose payments are declined for insufficient funds.</summary>
    protected abstract Task<string> BindCardWithoutFundsAsync();

    /// <summary>How many payments (money moved) the gateway made from transaction <paramref name="transactionId"/>.</summary>
    protected abstract int PaymentsOf(string transactionId);

    private async Task<(string TransactionId, ChargeResult Paid)> ChargeAsync(string cardId, long amountTiyin = 19_900_000, string orderKey = "sub_0195_2026-12-01_a1")
    {
        var transactionId = await Client.CreateChargeAsync(new NewCharge(UserId, amountTiyin, orderKey), CancellationToken.None);
        return (transactionId, await Client.PayAsync(new PayRequest(transactionId, cardId, UserId), CancellationToken.None));
    }

    [Fact]
    public async Task A_card_bound_with_its_sms_code_is_described_masked_and_pays()
    {
        var sent = await Binding.StartAsync(UserId, new CardDetails(CardNumber, "2907"), CancellationToken.None);
        var card = await Binding.ConfirmAsync(sent.BindingId, "123456", CancellationToken.None);

        (card.MaskedPan, card.CardType, card.ExpiryYyMm).ShouldBe(("860000******0007", CardType.UzCard, "2907"));
        var (_, paid) = await ChargeAsync(card.CardId);
        paid.State.ShouldBe(PaylovTransactionState.Succeeded);
    }

    [Fact]
    public async Task A_wrong_code_can_be_corrected_until_the_third_and_an_expired_code_is_refused()
    {
        var sent = await Binding.StartAsync(UserId, new CardDetails(CardNumber, "2907"), CancellationToken.None);
        (await Should.ThrowAsync<PaylovException>(() => Binding.ConfirmAsync(sent.BindingId, "000000", CancellationToken.None))).Code.ShouldBe("invalid_otp");
        (await Binding.ConfirmAsync(sent.BindingId, "123456", CancellationToken.None)).CardId.ShouldNotBeNullOrEmpty();

        var again = await Binding.StartAsync(UserId, new CardDetails(CardNumber, "2907"), CancellationToken.None);
        (await Should.ThrowAsync<PaylovException>(() => Binding.ConfirmAsync(again.BindingId, "000000", CancellationToken.None))).Code.ShouldBe("invalid_otp");
        (await Should.ThrowAsync<PaylovException>(() => Binding.ConfirmAsync(again.BindingId, "000001", CancellationToken.None))).Code.ShouldBe("invalid_otp");
        (await Should.ThrowAsync<PaylovException>(() => Binding.ConfirmAsync(again.BindingId, "000002", CancellationToken.None))).Code.ShouldBe("too_many_attempts");

        var late = await Binding.StartAsync(UserId, new CardDetails(CardNumber, "2907"), CancellationToken.None);
        ExpireOtps();
        (await Should.ThrowAsync<PaylovException>(() => Binding.ConfirmAsync(late.BindingId, "123456", CancellationToken.None))).Code.ShouldBe("otp_expired");
    }

    [Fact]
    public async Task A_blocked_card_is_refused_with_paylovs_code()
    {
        var refusal = await Should.ThrowAsync<PaylovException>(() => Binding.StartAsync(UserId, new CardDetails(BlockedCardNumber, "2907"), CancellationToken.None));

        refusal.Code.ShouldBe("card_is_blocked");
        refusal.Message.ShouldNotContain(BlockedCardNumber);
    }

    [Theory]
    [InlineData("8600000000000008", "2907")] // Luhn
    [InlineData("5555555555554444", "2907")] // Mastercard: not UzCard, Humo or Visa
    [InlineData("860000000000007", "2907")] // 15 digits
    [InlineData("8600000000000007", "2913")] // month 13
    public async Task A_number_or_expiry_that_cannot_be_a_card_is_refused_before_calling_without_quoting_it(string number, string expiry)
    {
        var refusal = await Should.ThrowAsync<ArgumentException>(() => Binding.StartAsync(UserId, new CardDetails(number, expiry), CancellationToken.None));

        refusal.Message.ShouldNotContain(number);
        new CardDetails(number, expiry).ToString().ShouldNotContain(number[..12]);
    }

    [Fact]
    public async Task A_created_transaction_moves_no_money_until_it_is_paid()
    {
        var card = await BindCardThatPaysAsync();

        var transactionId = await Client.CreateChargeAsync(new NewCharge(UserId, 19_900_000, "sub_0195_2026-12-01_a1"), CancellationToken.None);

        PaymentsOf(transactionId).ShouldBe(0);
        (await Client.GetTransactionAsync(transactionId, CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Pending);
        (await Client.PayAsync(new PayRequest(transactionId, card, UserId), CancellationToken.None))
            .ShouldBe(new ChargeResult(PaylovTransactionState.Succeeded, transactionId, null));
        PaymentsOf(transactionId).ShouldBe(1);
        (await Client.GetTransactionAsync(transactionId, CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Succeeded);
    }

    [Fact]
    public async Task Paying_a_transaction_again_answers_succeeded_and_moves_the_money_once()
    {
        var card = await BindCardThatPaysAsync();
        var (transactionId, _) = await ChargeAsync(card);

        var again = await Client.PayAsync(new PayRequest(transactionId, card, UserId), CancellationToken.None);

        again.State.ShouldBe(PaylovTransactionState.Succeeded);
        again.ErrorCode.ShouldBe("transaction_already_payed");
        PaymentsOf(transactionId).ShouldBe(1);
    }

    [Fact]
    public async Task Two_creates_are_two_transactions()
    {
        var first = await Client.CreateChargeAsync(new NewCharge(UserId, 19_900_000, "k"), CancellationToken.None);
        var second = await Client.CreateChargeAsync(new NewCharge(UserId, 19_900_000, "k"), CancellationToken.None);

        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_decline_is_a_result_with_paylovs_code_and_moves_nothing()
    {
        var card = await BindCardWithoutFundsAsync();

        var (transactionId, result) = await ChargeAsync(card);

        result.ShouldBe(new ChargeResult(PaylovTransactionState.InsufficientFunds, transactionId, "insufficient_funds"));
        PaymentsOf(transactionId).ShouldBe(0);
    }

    [Fact]
    public async Task A_transaction_paylov_does_not_know_is_not_found()
    {
        (await Client.GetTransactionAsync("999999999", CancellationToken.None)).State.ShouldBe(PaylovTransactionState.NotFound);
        (await Client.PayAsync(new PayRequest("999999999", await BindCardThatPaysAsync(), UserId), CancellationToken.None))
            .State.ShouldBe(PaylovTransactionState.NotFound);
    }

    [Fact]
    public async Task A_paid_transaction_is_refunded_and_an_unpaid_one_cannot_be()
    {
        var card = await BindCardThatPaysAsync();
        var (paid, _) = await ChargeAsync(card);
        var unpaid = await Client.CreateChargeAsync(new NewCharge(UserId, 100_000, "k2"), CancellationToken.None);

        await Client.RefundAsync(paid, CancellationToken.None);

        (await Client.GetTransactionAsync(paid, CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Refunded);
        var refusal = await Should.ThrowAsync<PaylovException>(() => Client.RefundAsync(unpaid, CancellationToken.None));
        refusal.Code.ShouldBe("transaction_not_available_for_cancel");
    }

    [Fact]
    public async Task A_removed_card_pays_nothing_and_removing_it_again_succeeds()
    {
        var card = await BindCardThatPaysAsync();

        await Client.RemoveCardAsync(card, CancellationToken.None);
        await Client.RemoveCardAsync(card, CancellationToken.None);
        var (transactionId, result) = await ChargeAsync(card);

        result.State.ShouldBe(PaylovTransactionState.Declined);
        result.ErrorCode.ShouldBe("card_not_found");
        PaymentsOf(transactionId).ShouldBe(0);
    }

    [Fact]
    public async Task A_receipt_is_registered_once_and_a_repeat_returns_the_same_receipt()
    {
        var (transactionId, _) = await ChargeAsync(await BindCardThatPaysAsync());
        var request = new ReceiptRequest(transactionId, 19_900_000, [Line(19_900_000)]);

        var receipt = await Client.RegisterReceiptAsync(request, CancellationToken.None);
        var again = await Client.RegisterReceiptAsync(request, CancellationToken.None);

        again.ShouldBe(receipt);
        receipt.FiscalSign.ShouldNotBeNullOrEmpty();
        receipt.Url.IsAbsoluteUri.ShouldBeTrue();
    }

    [Fact]
    public async Task A_pinfl_check_tells_the_card_holders_pinfl_from_anyone_elses()
    {
        var cardId = await BindCardThatPaysAsync();

        (await Payouts.PinflMatchesAsync(cardId, HolderPinfl, CancellationToken.None)).ShouldBeTrue();
        (await Payouts.PinflMatchesAsync(cardId, OtherPinfl, CancellationToken.None)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_payout_to_a_bound_card_succeeds_and_is_found_by_its_external_id_and_an_unsent_one_is_not_found()
    {
        var cardId = await BindCardThatPaysAsync();
        var externalId = $"payout_{Guid.NewGuid():N}";

        var sent = await Payouts.PayOutAsync(new PayoutToCard(UserId, cardId, 12_000_000, externalId), CancellationToken.None);
        var found = await Payouts.GetPayoutAsync(externalId, CancellationToken.None);

        sent.State.ShouldBe(PayoutState.Succeeded);
        sent.TransactionId.ShouldNotBeNullOrEmpty();
        (found.State, found.TransactionId).ShouldBe((PayoutState.Succeeded, sent.TransactionId));
        (await Payouts.GetPayoutAsync($"payout_{Guid.NewGuid():N}", CancellationToken.None)).State.ShouldBe(PayoutState.NotFound);
    }

    [Theory]
    [InlineData(19_000_000, "309876543")]
    [InlineData(19_900_000, "30987654")]
    public async Task A_receipt_whose_lines_do_not_add_up_or_lack_the_sellers_stir_is_refused_before_calling(long linePrice, string tin)
    {
        var (transactionId, _) = await ChargeAsync(await BindCardThatPaysAsync());

        await Should.ThrowAsync<ArgumentException>(() => Client.RegisterReceiptAsync(
            new ReceiptRequest(transactionId, 19_900_000, [Line(linePrice) with { SellerTin = tin }]), CancellationToken.None));
    }
}

public sealed class HttpPaylovContractTests : PaylovContractTests, IAsyncLifetime
{
    private readonly PaylovHarness _harness = new();

    public Task InitializeAsync() => _harness.InitializeAsync();

    public Task DisposeAsync() => _harness.DisposeAsync();

    protected override IPaylovClient Client => _harness.Client;

    protected override IPaylovCardBinding Binding => _harness.Binding;

    protected override IPaylovPayouts Payouts => _harness.Payouts;

    [Fact]
    public async Task A_payout_goes_to_a2c_in_a_camel_case_body_with_our_id_as_external_id()
    {
        var cardId = _harness.Paylov.BindCard(UserId);

        await Payouts.PayOutAsync(new PayoutToCard(UserId, cardId, 12_000_000, "payout_0195"), CancellationToken.None);

        var sent = _harness.Paylov.Requests.Where(r => r.Path == "/merchant/a2c/performTransaction/").ShouldHaveSingleItem();
        ((long?)sent.Body!["amountInTiyin"], (string?)sent.Body["userId"], (string?)sent.Body["cardId"], (string?)sent.Body["externalId"])
            .ShouldBe((12_000_000L, UserId, cardId, "payout_0195"));
        _harness.Paylov.Payouts.ShouldHaveSingleItem().ExternalId.ShouldBe("payout_0195");
    }

    protected override void ExpireOtps() => _harness.Paylov.ExpireOtps();

    [Fact]
    public async Task Binding_sends_the_number_once_in_a_camel_case_body_and_never_to_the_logs()
    {
        var sent = await Binding.StartAsync(UserId, new CardDetails(CardNumber, "2907"), CancellationToken.None);
        await Binding.ConfirmAsync(sent.BindingId, "123456", CancellationToken.None);

        var create = _harness.Paylov.Requests.Where(r => r.Path == "/merchant/userCard/createUserCard/").ShouldHaveSingleItem();
        ((string?)create.Body!["userId"], (string?)create.Body["cardNumber"], (string?)create.Body["expireDate"]).ShouldBe((UserId, CardNumber, "2907"));
        var confirm = _harness.Paylov.Requests.Where(r => r.Path == "/merchant/userCard/confirmUserCardCreate/").ShouldHaveSingleItem();
        ((string?)confirm.Body!["cardId"], (string?)confirm.Body["otp"]).ShouldBe((sent.BindingId, "123456"));
        _harness.LoggedMessages().ShouldAllBe(m => !m.Contains(CardNumber));
        _harness.Paylov.Requests.Where(r => r.Body != null && r.Path != "/merchant/userCard/createUserCard/")
            .ShouldAllBe(r => !r.Body!.ToJsonString().Contains(CardNumber));
    }

    protected override Task<string> BindCardThatPaysAsync() => Task.FromResult(_harness.Paylov.BindCard(UserId));

    protected override Task<string> BindCardWithoutFundsAsync() => Task.FromResult(FakePaylovServer.InsufficientFundsCard);

    protected override int PaymentsOf(string transactionId) => _harness.Paylov.Charges.Count(c => c.TransactionId == transactionId);
}
