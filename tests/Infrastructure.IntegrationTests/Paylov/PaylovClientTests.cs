using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov;

namespace Infrastructure.IntegrationTests.Paylov;

/// <summary>The HTTP adapter's wire format and failure handling against the fake Paylov (the shared contract is in <see cref="PaylovContractTests"/>).</summary>
public sealed class PaylovClientTests : IAsyncLifetime
{
    private const string UserId = "0195a1b2c3d4e5f60718293a4b5c6d7e";
    private static readonly FiscalItem Plan = new("VirtuOps Pro obunasi (1 oy)", "10305008003000000", "1545643", 1, 29_900_000, 12, "309876543");

    private readonly PaylovHarness _harness = new();

    private FakePaylovServer Paylov => _harness.Paylov;

    public Task InitializeAsync() => _harness.InitializeAsync();

    public Task DisposeAsync() => _harness.DisposeAsync();

    private IPaylovClient CreateClient(Dictionary<string, string?>? overrides = null, TimeProvider? time = null) =>
        _harness.Build(overrides, time).GetRequiredService<IPaylovClient>();

    private static string BasicOf(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    [Fact]
    public async Task A_charge_is_receipts_create_in_sum_then_receipts_pay_with_a_bearer_token_and_camel_case_bodies()
    {
        var client = CreateClient();

        var transactionId = await client.CreateChargeAsync(new NewCharge(UserId, 29_900_050, "sub_0195_2026-12-01_a1"), CancellationToken.None);
        var paid = await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None);

        paid.ShouldBe(new ChargeResult(PaylovTransactionState.Succeeded, transactionId, null));
        var token = Paylov.TokenRequests.ShouldHaveSingleItem();
        token.Authorization.ShouldBe(BasicOf(FakePaylovServer.ConsumerKey, FakePaylovServer.ConsumerSecret));
        ((string?)token.Body!["grant_type"]).ShouldBe("password");
        ((string?)token.Body["username"]).ShouldBe(FakePaylovServer.UserName);
        var create = Paylov.Creates.ShouldHaveSingleItem();
        create.Authorization.ShouldStartWith("Bearer at_");
        ((decimal?)create.Body!["amount"]).ShouldBe(299_000.50m); // SUM, not tiyin
        ((string?)create.Body["userId"]).ShouldBe(UserId);
        ((string?)create.Body["account"]!["order_id"]).ShouldBe("sub_0195_2026-12-01_a1");
        var pay = Paylov.PaymentAttempts.ShouldHaveSingleItem();
        ((string?)pay.Body!["transactionId"]).ShouldBe(transactionId);
        ((string?)pay.Body["cardId"]).ShouldBe(FakePaylovServer.SuccessCard);
        ((string?)pay.Body["userId"]).ShouldBe(UserId);
        Paylov.Charges.ShouldHaveSingleItem().AmountTiyin.ShouldBe(29_900_050);
    }

    [Theory]
    [InlineData(FakePaylovServer.BlockedCard, PaylovTransactionState.Declined, "card_is_blocked")]
    [InlineData(FakePaylovServer.InsufficientFundsCard, PaylovTransactionState.InsufficientFunds, "insufficient_funds")]
    [InlineData(FakePaylovServer.ExpiredCard, PaylovTransactionState.ExpiredCard, "card_expired")]
    [InlineData(FakePaylovServer.SmsNotActiveCard, PaylovTransactionState.Declined, "sms_not_active")]
    [InlineData("card_someone_elses", PaylovTransactionState.Declined, "card_not_found")]
    public async Task Each_decline_code_is_a_result_not_an_exception(string card, PaylovTransactionState state, string errorCode)
    {
        var client = CreateClient();
        var transactionId = Paylov.CreateTransaction(100_000);

        var result = await client.PayAsync(new PayRequest(transactionId, card, UserId), CancellationToken.None);

        result.ShouldBe(new ChargeResult(state, transactionId, errorCode));
        Paylov.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task One_token_serves_many_calls_and_is_refreshed_with_the_refresh_token_before_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = CreateClient(time: time);

        for (var i = 0; i < 3; i++)
            await client.CreateChargeAsync(new NewCharge(UserId, 100_000, $"k{i}"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59.5)); // within the refresh margin of the hour
        await client.CreateChargeAsync(new NewCharge(UserId, 100_000, "k3"), CancellationToken.None);

        Paylov.TokenRequests.Select(r => (string?)r.Body!["grant_type"]).ShouldBe(["password", "refresh_token"]);
        Paylov.Creates.Select(r => r.Authorization).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public async Task A_401_signs_in_again_once_and_sends_the_request_again()
    {
        var client = CreateClient();
        await client.CreateChargeAsync(new NewCharge(UserId, 100_000, "k1"), CancellationToken.None);
        Paylov.RevokeAccessTokens();

        var transactionId = Paylov.CreateTransaction(100_000);
        var paid = await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None);

        paid.State.ShouldBe(PaylovTransactionState.Succeeded);
        Paylov.TokenRequests.Select(r => (string?)r.Body!["grant_type"]).ShouldBe(["password", "password"]);
        Paylov.PaymentAttempts.Count.ShouldBe(2); // refused once with the revoked token, then paid
        Paylov.Charges.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Wrong_merchant_credentials_are_a_refusal_not_an_unknown_outcome()
    {
        var client = CreateClient(new() { ["Paylov:Password"] = "wrong-password-00" });

        var failure = await Should.ThrowAsync<PaylovException>(() => client.CreateChargeAsync(new NewCharge(UserId, 100_000, "k1"), CancellationToken.None));

        failure.ShouldNotBeOfType<PaylovUnavailableException>();
        failure.Code.ShouldBe("invalid_grant");
        Paylov.Creates.ShouldBeEmpty();
    }

    [Fact]
    public async Task Server_errors_are_retried_with_the_same_transaction_and_pay_once()
    {
        var client = CreateClient();
        var transactionId = Paylov.CreateTransaction(100_000);
        Paylov.FailNextPayments(2, HttpStatusCode.BadGateway);

        var result = await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None);

        result.State.ShouldBe(PaylovTransactionState.Succeeded);
        Paylov.PaymentAttempts.Select(a => (string?)a.Body!["transactionId"]).ShouldBe([transactionId, transactionId, transactionId]);
        Paylov.Charges.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Server_errors_past_the_retries_are_unavailable_and_pay_nothing()
    {
        var client = CreateClient();
        var transactionId = Paylov.CreateTransaction(100_000);
        Paylov.FailNextPayments(10);

        var failure = await Should.ThrowAsync<PaylovUnavailableException>(
            () => client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None));

        failure.Message.ShouldContain("503");
        Paylov.PaymentAttempts.Count.ShouldBe(3);
        Paylov.Charges.ShouldBeEmpty();
    }

    /// <summary>Times out the held payment attempts numbered <paramref name="first"/> to <paramref name="last"/>, each once Paylov has it.</summary>
    private async Task TimeOutAttemptsAsync(FakeTimeProvider time, int first, int last)
    {
        for (var attempt = first; attempt <= last; attempt++)
        {
            await Paylov.WaitForPaymentAttemptsAsync(attempt, TimeSpan.FromSeconds(30));
            time.Advance(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_payment_whose_answer_never_comes_is_unavailable_and_its_retries_answer_already_paid_without_a_second_charge()
    {
        // The attempt timeout runs on a fake clock, moved on only once Paylov has the attempt.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = CreateClient(new() { ["Paylov:AttemptTimeout"] = "00:00:05" }, time);
        var transactionId = Paylov.CreateTransaction(100_000);
        Paylov.HoldPaymentAnswers();

        var paying = client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None);
        await TimeOutAttemptsAsync(time, first: 1, last: 3);
        var failure = await Should.ThrowAsync<PaylovUnavailableException>(() => paying);
        Paylov.ReleaseHeldAnswers();

        failure.Message.ShouldContain("unknown");
        Paylov.Charges.ShouldHaveSingleItem();
        (await client.GetTransactionAsync(transactionId, CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Succeeded);
        (await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None))
            .ShouldBe(new ChargeResult(PaylovTransactionState.Succeeded, transactionId, "transaction_already_payed"));
        Paylov.Charges.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Status_is_asked_by_paylovs_transaction_id_in_the_query()
    {
        var client = CreateClient();
        var transactionId = Paylov.CreateTransaction(100_000);

        (await client.GetTransactionAsync(transactionId, CancellationToken.None)).State.ShouldBe(PaylovTransactionState.Pending);

        var request = Paylov.Requests[^1];
        (request.Method, request.Path, request.Query).ShouldBe(("GET", "/merchant/getTransactions/", $"?transactionId={transactionId}"));
    }

    [Fact]
    public async Task A_refund_is_payment_cancel_with_the_transaction_id()
    {
        var client = CreateClient();
        var transactionId = await client.CreateChargeAsync(new NewCharge(UserId, 100_000, "k1"), CancellationToken.None);
        await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None);

        await client.RefundAsync(transactionId, CancellationToken.None);

        var cancel = Paylov.Requests[^1];
        (cancel.Method, cancel.Path).ShouldBe(("POST", "/merchant/payment/cancel/"));
        ((string?)cancel.Body!["transactionId"]).ShouldBe(transactionId);
    }

    [Fact]
    public async Task A_card_is_removed_by_delete_with_its_id_in_the_query_and_a_forgotten_card_counts_as_removed()
    {
        var client = CreateClient();
        var card = Paylov.BindCard(UserId);

        await client.RemoveCardAsync(card, CancellationToken.None);
        await client.RemoveCardAsync("card_forgotten_0001", CancellationToken.None);

        var delete = Paylov.Requests.First(r => r.Method == "DELETE");
        (delete.Path, delete.Query).ShouldBe(("/merchant/userCard/deleteUserCard/", $"?userCardId={card}"));
        Paylov.RemovedCards.ShouldBe([card, "card_forgotten_0001"]);
    }

    [Fact]
    public async Task A_fiscal_receipt_sends_snake_case_items_with_the_sellers_stir_and_a_repeat_is_read_back_through_the_status()
    {
        var client = CreateClient();
        var transactionId = await client.CreateChargeAsync(new NewCharge(UserId, Plan.PriceTiyin, "k1"), CancellationToken.None);
        await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, UserId), CancellationToken.None);
        var request = new ReceiptRequest(transactionId, Plan.PriceTiyin, [Plan]);

        var receipt = await client.RegisterReceiptAsync(request, CancellationToken.None);
        var again = await client.RegisterReceiptAsync(request, CancellationToken.None);

        again.ShouldBe(receipt);
        receipt.FiscalSign.ShouldBe("310284756102");
        receipt.Url.Host.ShouldBe("ofd.soliq.uz");
        var sent = Paylov.Requests.First(r => r.Path == "/merchant/fiscalization/register/");
        ((string?)sent.Body!["transactionId"]).ShouldBe(transactionId);
        var line = sent.Body["items"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)line["title"]).ShouldBe(Plan.Title);
        ((long?)line["price"]).ShouldBe(Plan.PriceTiyin);
        ((int?)line["count"]).ShouldBe(1);
        ((long?)line["discount"]).ShouldBe(0);
        ((string?)line["code"]).ShouldBe("10305008003000000");
        ((string?)line["package_code"]).ShouldBe("1545643");
        ((int?)line["vat_percent"]).ShouldBe(12);
        ((string?)line["tin"]).ShouldBe("309876543");
        Paylov.Requests.ShouldContain(r => r.Path == "/merchant/fiscalization/status/" && r.Query == $"?transactionId={transactionId}");
    }

    [Fact]
    public async Task No_card_id_token_or_secret_reaches_the_logs_or_the_exceptions()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = CreateClient(new() { ["Paylov:AttemptTimeout"] = "00:00:05" }, time);
        var card = Paylov.BindCard(UserId);
        var transactionId = await client.CreateChargeAsync(new NewCharge(UserId, 100_000, "k1"), CancellationToken.None);
        await client.PayAsync(new PayRequest(transactionId, card, UserId), CancellationToken.None);
        await client.PayAsync(new PayRequest(Paylov.CreateTransaction(100_000), FakePaylovServer.BlockedCard, UserId), CancellationToken.None);
        await client.RemoveCardAsync(card, CancellationToken.None);
        Paylov.HoldPaymentAnswers();
        var paying = client.PayAsync(new PayRequest(Paylov.CreateTransaction(100_000), FakePaylovServer.SuccessCard, UserId), CancellationToken.None);
        await TimeOutAttemptsAsync(time, first: 3, last: 5);
        var timeout = await Should.ThrowAsync<PaylovUnavailableException>(() => paying);

        var accessToken = Paylov.Creates[0].Authorization!["Bearer ".Length..];
        string[] secrets = [card, FakePaylovServer.SuccessCard, FakePaylovServer.BlockedCard, accessToken, FakePaylovServer.ConsumerSecret,
            FakePaylovServer.Password, FakePaylovServer.CallbackPassword, "deleteUserCard"];
        var logged = _harness.LoggedMessages().ToList();
        logged.ShouldNotBeEmpty();
        logged.ShouldContain(m => m.Contains("k1"));
        foreach (var secret in secrets)
        {
            logged.ShouldAllBe(m => !m.Contains(secret));
            timeout.ToString().ShouldNotContain(secret);
        }
    }

    [Theory]
    [InlineData("Paylov:ConsumerKey", "")]
    [InlineData("Paylov:ConsumerSecret", "")]
    [InlineData("Paylov:UserName", "")]
    [InlineData("Paylov:Password", "")]
    [InlineData("Paylov:CallbackUserName", "")]
    [InlineData("Paylov:CallbackPassword", "")]
    [InlineData("Paylov:BaseUrl", "ftp://paylov.uz")]
    [InlineData("Paylov:AttemptTimeout", "00:00:00")]
    public void Incomplete_settings_are_refused_on_start(string key, string value)
    {
        var services = _harness.Build(new() { [key] = value });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        failure.Message.ShouldContain(key[(key.LastIndexOf(':') + 1)..]);
    }

    [Fact]
    public void Without_a_base_url_the_sandbox_stands_in()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Paylov:BaseUrl"] = "" }).Build();

        // The host refuses to start Production with it (tested through the host in ProductionConfigurationTests).
        PaylovServiceCollectionExtensions.UsesSandbox(configuration).ShouldBeTrue();

        using var development = new ServiceCollection().AddLogging().AddPaylov(configuration, new HostingEnvironment { EnvironmentName = Environments.Development }).BuildServiceProvider();
        development.GetRequiredService<IPaylovClient>().ShouldBeOfType<VirtuOps.Infrastructure.Paylov.Sandbox.SandboxPaylovClient>();
        development.GetRequiredService<IStartupValidator>().Validate();
    }
}
