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

    protected override Task<string> BindCardThatPaysAsync() => Task.FromResult(_harness.Paylov.BindCard(UserId));

    protected override Task<string> BindCardWithoutFundsAsync() => Task.FromResult(FakePaylovServer.InsufficientFundsCard);

    protected override int PaymentsOf(string transactionId) => _harness.Paylov.Charges.Count(c => c.TransactionId == transactionId);
}
