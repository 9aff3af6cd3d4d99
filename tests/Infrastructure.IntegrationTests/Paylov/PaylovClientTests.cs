using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Infrastructure.Paylov;

namespace Infrastructure.IntegrationTests.Paylov;

public sealed class PaylovClientTests : IAsyncLifetime
{
    private static readonly FiscalItem Plan = new("VirtuOps Pro, 1 oy", "10305001001000000", "1501000", 1, 29_900_000, 12);

    private FakePaylovServer _paylov = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _paylov = await FakePaylovServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _paylov.DisposeAsync();
    }

    private ServiceProvider BuildServices(Dictionary<string, string?>? overrides = null, TimeProvider? time = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Paylov:BaseUrl"] = _paylov.BaseUrl,
            ["Paylov:MerchantId"] = FakePaylovServer.MerchantId,
            ["Paylov:ApiKey"] = FakePaylovServer.ApiKey,
            ["Paylov:CallbackUserName"] = FakePaylovServer.CallbackUserName,
            ["Paylov:CallbackPassword"] = FakePaylovServer.CallbackPassword,
            ["Paylov:AttemptTimeout"] = "00:00:05",
            ["Paylov:MaxRetries"] = "2",
            // Retry at once, so no test waits for a backoff.
            ["Paylov:RetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;

        var services = new ServiceCollection()
            .AddSingleton(time ?? TimeProvider.System)
            // Trace, so the HttpClient's own request logging is checked for secrets too.
            .AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace))
            .AddPaylov(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Environment(Environments.Production));
        _services = services.BuildServiceProvider(validateScopes: true);
        return _services;
    }

    private IPaylovClient CreateClient(Dictionary<string, string?>? overrides = null, TimeProvider? time = null) =>
        BuildServices(overrides, time).GetRequiredService<IPaylovClient>();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private static ChargeRequest Charge(string cardToken, string key = "sub_0195_2026-11") =>
        new(cardToken, 29_900_000, key, "VirtuOps Pro, noyabr 2026", Plan);

    private IEnumerable<string> LoggedMessages() =>
        // The structured state too: a JSON or OpenTelemetry sink stores it, and header values travel there.
        _services!.GetFakeLogCollector().GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])}");

    [Fact]
    public async Task A_successful_charge_sends_the_wire_format_with_merchant_credentials_and_the_idempotency_key()
    {
        var client = CreateClient();

        var result = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None);

        var charge = _paylov.Charges.ShouldHaveSingleItem();
        result.ShouldBe(new ChargeResult(PaylovTransactionState.Succeeded, charge.TransactionId, null, null));
        var attempt = _paylov.PaymentAttempts.ShouldHaveSingleItem();
        attempt.MerchantId.ShouldBe(FakePaylovServer.MerchantId);
        attempt.ApiKey.ShouldBe(FakePaylovServer.ApiKey);
        attempt.IdempotencyKey.ShouldBe("sub_0195_2026-11");
        var body = attempt.Body!;
        ((string?)body["card_token"]).ShouldBe(FakePaylovServer.SuccessCard);
        ((long?)body["amount"]).ShouldBe(29_900_000);
        ((string?)body["currency"]).ShouldBe("UZS");
        ((string?)body["external_id"]).ShouldBe("sub_0195_2026-11");
        ((string?)body["description"]).ShouldBe("VirtuOps Pro, noyabr 2026");
        var fiscal = body["fiscal"]!;
        ((string?)fiscal["mxik"]).ShouldBe("10305001001000000");
        ((string?)fiscal["package_code"]).ShouldBe("1501000");
        ((int?)fiscal["quantity"]).ShouldBe(1);
        ((long?)fiscal["price"]).ShouldBe(29_900_000);
        ((int?)fiscal["vat_percent"]).ShouldBe(12);
    }

    [Theory]
    [InlineData(FakePaylovServer.DeclinedCard, PaylovTransactionState.Declined, "05")]
    [InlineData(FakePaylovServer.InsufficientFundsCard, PaylovTransactionState.InsufficientFunds, "51")]
    [InlineData(FakePaylovServer.ExpiredCard, PaylovTransactionState.ExpiredCard, "54")]
    [InlineData(FakePaylovServer.NeedsActionCard, PaylovTransactionState.NeedsAction, "3ds_required")]
    public async Task A_refused_charge_is_a_result_not_an_exception(string card, PaylovTransactionState state, string errorCode)
    {
        var client = CreateClient();

        var result = await client.ChargeAsync(Charge(card), CancellationToken.None);

        result.State.ShouldBe(state);
        result.ErrorCode.ShouldBe(errorCode);
        result.ErrorMessage.ShouldNotBeNullOrEmpty();
        result.TransactionId.ShouldBe(_paylov.Charges.ShouldHaveSingleItem().TransactionId);
        _paylov.PaymentAttempts.Count.ShouldBe(1);
    }

    /// <summary>Times out the held payment attempts numbered <paramref name="first"/> to <paramref name="last"/> (counted since the fake started), each once Paylov has it.</summary>
    private async Task TimeOutAttemptsAsync(FakeTimeProvider time, int first, int last)
    {
        for (var attempt = first; attempt <= last; attempt++)
        {
            await _paylov.WaitForPaymentAttemptsAsync(attempt, TimeSpan.FromSeconds(30));
            time.Advance(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_charge_whose_answer_never_comes_is_unavailable_and_reconciles_by_status_without_a_second_charge()
    {
        // The attempt timeout runs on a fake clock, moved on only once Paylov has the attempt: a slow machine can
        // neither time an attempt out before it is sent nor skip one.
        var time = new FakeTimeProvider();
        var client = CreateClient(new() { ["Paylov:AttemptTimeout"] = "00:00:05" }, time);
        _paylov.HoldPaymentAnswers();

        var charging = client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None);
        await TimeOutAttemptsAsync(time, first: 1, last: 3);

        var failure = await Should.ThrowAsync<PaylovUnavailableException>(() => charging);

        failure.Message.ShouldContain("unknown");
        // Every attempt carried the same key, so the repeats charged nothing more.
        _paylov.PaymentAttempts.Count.ShouldBe(3);
        _paylov.PaymentAttempts.ShouldAllBe(a => a.IdempotencyKey == "sub_0195_2026-11");
        var charge = _paylov.Charges.ShouldHaveSingleItem();

        var reconciled = await client.GetTransactionAsync("sub_0195_2026-11", CancellationToken.None);

        reconciled.ShouldBe(new ChargeResult(PaylovTransactionState.Succeeded, charge.TransactionId, null, null));
    }

    [Fact]
    public async Task Server_errors_are_retried_with_the_same_key_and_charge_exactly_once()
    {
        var client = CreateClient();
        _paylov.FailNextPayments(2, HttpStatusCode.BadGateway);

        var result = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None);

        result.State.ShouldBe(PaylovTransactionState.Succeeded);
        _paylov.PaymentAttempts.Select(a => a.IdempotencyKey).ShouldBe(["sub_0195_2026-11", "sub_0195_2026-11", "sub_0195_2026-11"]);
        _paylov.Charges.ShouldHaveSingleItem().TransactionId.ShouldBe(result.TransactionId);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_are_unavailable_and_charge_nothing()
    {
        var client = CreateClient();
        _paylov.FailNextPayments(10);

        var failure = await Should.ThrowAsync<PaylovUnavailableException>(
            () => client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None));

        failure.Message.ShouldContain("503");
        _paylov.PaymentAttempts.Count.ShouldBe(3);
        _paylov.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task Latency_within_the_attempt_timeout_is_waited_for_once()
    {
        var client = CreateClient();
        _paylov.Latency = TimeSpan.FromMilliseconds(50);

        var result = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None);

        result.State.ShouldBe(PaylovTransactionState.Succeeded);
        _paylov.PaymentAttempts.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Charging_again_with_the_same_key_returns_the_first_result_and_charges_once()
    {
        var client = CreateClient();

        var first = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None);
        var second = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None);

        second.ShouldBe(first);
        _paylov.Charges.ShouldHaveSingleItem();
        _paylov.PaymentAttempts.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_new_key_is_a_new_charge()
    {
        var client = CreateClient();

        var november = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard, "sub_0195_2026-11"), CancellationToken.None);
        var december = await client.ChargeAsync(Charge(FakePaylovServer.SuccessCard, "sub_0195_2026-12"), CancellationToken.None);

        december.TransactionId.ShouldNotBe(november.TransactionId);
        _paylov.Charges.Count.ShouldBe(2);
    }

    [Fact]
    public async Task The_status_of_a_key_paylov_never_saw_is_not_found()
    {
        var client = CreateClient();

        var result = await client.GetTransactionAsync("sub_0195_2026-11", CancellationToken.None);

        result.ShouldBe(new ChargeResult(PaylovTransactionState.NotFound, null, null, null));
        _paylov.Requests.ShouldHaveSingleItem().Path.ShouldBe("/v1/payments/by-external-id/sub_0195_2026-11");
    }

    [Fact]
    public async Task A_removed_card_is_sent_in_the_body_and_cannot_be_charged_any_more()
    {
        var client = CreateClient();
        var binding = await client.StartCardBindingAsync("bind_0195", 100_000, new Uri("https://app.virtuops.uz/billing/return"), CancellationToken.None);
        _paylov.EnterOtp(binding.SessionId, FakePaylovServer.OtpCode);
        var token = (await client.GetCardBindingAsync(binding.SessionId, CancellationToken.None)).Card!.Token;

        await client.RemoveCardAsync(token, CancellationToken.None);
        var charge = await client.ChargeAsync(Charge(token), CancellationToken.None);

        _paylov.RemovedCards.ShouldBe([token]);
        _paylov.Requests.ShouldAllBe(r => !r.Path.Contains(token));
        charge.State.ShouldBe(PaylovTransactionState.Declined);
        charge.ErrorCode.ShouldBe("card_not_found");
    }

    [Fact]
    public async Task Removing_a_card_paylov_no_longer_knows_succeeds()
    {
        var client = CreateClient();

        await client.RemoveCardAsync("tok_forgotten_0001", CancellationToken.None);

        _paylov.RemovedCards.ShouldBe(["tok_forgotten_0001"]);
    }

    [Fact]
    public async Task A_receipt_carries_the_fiscal_line_and_repeats_return_the_same_receipt()
    {
        var client = CreateClient();
        var request = new ReceiptRequest("tx_0001", "rcpt_sub_0195_2026-11", "owner@shop.uz", Plan);

        var receipt = await client.CreateReceiptAsync(request, CancellationToken.None);
        var again = await client.CreateReceiptAsync(request, CancellationToken.None);

        again.ShouldBe(receipt);
        receipt.FiscalSign.ShouldBe("310284756102");
        receipt.Url.ShouldBe(new Uri($"https://ofd.example.uz/check/{receipt.ReceiptId}"));
        var sent = _paylov.Requests.First(r => r.Path == "/v1/receipts");
        sent.IdempotencyKey.ShouldBe("rcpt_sub_0195_2026-11");
        ((string?)sent.Body!["transaction_id"]).ShouldBe("tx_0001");
        ((string?)sent.Body["customer_email"]).ShouldBe("owner@shop.uz");
        var line = sent.Body["items"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)line["title"]).ShouldBe("VirtuOps Pro, 1 oy");
        ((string?)line["mxik"]).ShouldBe("10305001001000000");
        ((int?)line["vat_percent"]).ShouldBe(12);
    }

    [Fact]
    public async Task A_receipt_paylov_refuses_is_a_paylov_exception_with_the_status()
    {
        var client = CreateClient();

        var failure = await Should.ThrowAsync<PaylovException>(() => client.CreateReceiptAsync(
            new ReceiptRequest("tx_0001", "rcpt_1", "owner@shop.uz", Plan with { MxikCode = "123" }), CancellationToken.None));

        failure.ShouldNotBeOfType<PaylovUnavailableException>();
        failure.Message.ShouldContain("422");
    }

    [Fact]
    public async Task A_card_binding_stays_pending_through_a_wrong_code_and_confirms_with_the_right_one()
    {
        var client = CreateClient();

        var session = await client.StartCardBindingAsync("bind_0195", 100_000, new Uri("https://app.virtuops.uz/billing/return"), CancellationToken.None);
        var start = _paylov.Requests.ShouldHaveSingleItem();
        ((string?)start.Body!["return_url"]).ShouldBe("https://app.virtuops.uz/billing/return");
        ((long?)start.Body["amount"]).ShouldBe(100_000);
        start.IdempotencyKey.ShouldBe("bind_0195");
        session.RedirectUrl.ShouldBe(new Uri($"{_paylov.BaseUrl}/hosted/{session.SessionId}"));

        _paylov.EnterOtp(session.SessionId, "000000");
        (await client.GetCardBindingAsync(session.SessionId, CancellationToken.None)).Status.ShouldBe(CardBindingStatus.Pending);

        _paylov.EnterOtp(session.SessionId, FakePaylovServer.OtpCode);
        var bound = await client.GetCardBindingAsync(session.SessionId, CancellationToken.None);

        bound.Status.ShouldBe(CardBindingStatus.Confirmed);
        bound.Card.ShouldNotBeNull();
        bound.Card.MaskedPan.ShouldBe("860012******3456");
        bound.Card.CardType.ShouldBe(CardType.UzCard);
        bound.Card.ExpiryYyMm.ShouldBe("2907");
        (await client.GetTransactionAsync("bind_0195", CancellationToken.None)).TransactionId.ShouldBe(bound.TransactionId);
    }

    [Fact]
    public async Task A_failed_card_binding_reports_the_reason_and_no_card()
    {
        var client = CreateClient();
        var session = await client.StartCardBindingAsync("bind_0195", 100_000, new Uri("https://app.virtuops.uz/billing/return"), CancellationToken.None);
        _paylov.FailBinding(session.SessionId, "insufficient_funds");

        var result = await client.GetCardBindingAsync(session.SessionId, CancellationToken.None);

        result.ShouldBe(new CardBindingResult(CardBindingStatus.Failed, null, null, "insufficient_funds"));
    }

    [Fact]
    public async Task Wrong_credentials_are_a_refusal_not_an_unknown_outcome()
    {
        var client = CreateClient(new() { ["Paylov:ApiKey"] = "pk_test_Wrong-Key-00" });

        var failure = await Should.ThrowAsync<PaylovException>(
            () => client.ChargeAsync(Charge(FakePaylovServer.SuccessCard), CancellationToken.None));

        failure.ShouldNotBeOfType<PaylovUnavailableException>();
        failure.Message.ShouldContain("401");
        _paylov.Charges.ShouldBeEmpty();
    }

    [Fact]
    public async Task No_card_token_api_key_or_secret_reaches_the_logs_or_the_exceptions()
    {
        var time = new FakeTimeProvider();
        var client = CreateClient(new() { ["Paylov:AttemptTimeout"] = "00:00:05" }, time);
        var binding = await client.StartCardBindingAsync("bind_0195", 100_000, new Uri("https://app.virtuops.uz/billing/return"), CancellationToken.None);
        _paylov.EnterOtp(binding.SessionId, FakePaylovServer.OtpCode);
        var boundToken = (await client.GetCardBindingAsync(binding.SessionId, CancellationToken.None)).Card!.Token;
        await client.ChargeAsync(Charge(boundToken, "k1"), CancellationToken.None);
        await client.ChargeAsync(Charge(FakePaylovServer.DeclinedCard, "k2"), CancellationToken.None);
        await client.RemoveCardAsync(boundToken, CancellationToken.None);
        _paylov.HoldPaymentAnswers();
        var charging = client.ChargeAsync(Charge(FakePaylovServer.SuccessCard, "k3"), CancellationToken.None);
        await TimeOutAttemptsAsync(time, first: 3, last: 5);
        var timeout = await Should.ThrowAsync<PaylovUnavailableException>(() => charging);

        string[] secrets = [boundToken, FakePaylovServer.SuccessCard, FakePaylovServer.DeclinedCard, FakePaylovServer.ApiKey, FakePaylovServer.CallbackPassword];
        var logged = LoggedMessages().ToList();
        logged.ShouldNotBeEmpty();
        logged.ShouldContain(m => m.Contains("k1"));
        // The HttpClient factory's request logs (URLs, header values in their state) are switched off for Paylov.
        logged.ShouldNotContain(m => m.Contains("/v1/cards/remove"));
        foreach (var secret in secrets)
        {
            logged.ShouldAllBe(m => !m.Contains(secret));
            timeout.ToString().ShouldNotContain(secret);
        }
    }

    [Theory]
    [InlineData("Paylov:ApiKey", "")]
    [InlineData("Paylov:MerchantId", "")]
    [InlineData("Paylov:CallbackUserName", "")]
    [InlineData("Paylov:CallbackPassword", "")]
    [InlineData("Paylov:BaseUrl", "ftp://paylov.uz")]
    [InlineData("Paylov:AttemptTimeout", "00:00:00")]
    public void Incomplete_settings_are_refused_on_start(string key, string value)
    {
        var services = BuildServices(new() { [key] = value });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        failure.Message.ShouldContain(key[(key.LastIndexOf(':') + 1)..]);
    }

    [Fact]
    public void Without_a_base_url_the_sandbox_stands_in()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Paylov:BaseUrl"] = "" }).Build();

        // The host refuses to start Production with it (tested through the host in ProductionConfigurationTests).
        PaylovServiceCollectionExtensions.UsesSandbox(configuration).ShouldBeTrue();

        using var development = new ServiceCollection().AddLogging().AddPaylov(configuration, Environment(Environments.Development)).BuildServiceProvider();
        development.GetRequiredService<IPaylovClient>().ShouldBeOfType<VirtuOps.Infrastructure.Paylov.Sandbox.SandboxPaylovClient>();
        development.GetRequiredService<IStartupValidator>().Validate();
    }
}
