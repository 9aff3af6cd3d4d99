using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Sms;

namespace Infrastructure.IntegrationTests.Sms;

public sealed class EskizSmsSenderTests : IAsyncLifetime
{
    private const string CallbackUrl = "https://api.virtuops.uz/api/webhooks/sms/eskiz";
    private const string CallbackSecret = "cb-Secret/42";

    private FakeEskizServer _eskiz = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _eskiz = await FakeEskizServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _eskiz.DisposeAsync();
    }

    private ServiceProvider BuildServices(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sms:Eskiz:BaseUrl"] = _eskiz.BaseUrl,
            ["Sms:Eskiz:Email"] = FakeEskizServer.Email,
            ["Sms:Eskiz:Password"] = FakeEskizServer.Password,
            ["Sms:Eskiz:From"] = "4546",
            ["Sms:Eskiz:CallbackUrl"] = CallbackUrl,
            ["Sms:Eskiz:CallbackSecret"] = CallbackSecret,
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;

        var services = new ServiceCollection()
            .AddFakeLogging()
            .AddEskizSmsSender(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        // Retry failed logins at once, so no test waits for a backoff.
        services.Configure<HttpStandardResilienceOptions>($"{EskizTokenProvider.HttpClientName}-standard", o => o.Retry.Delay = TimeSpan.Zero);
        _services = services.BuildServiceProvider(validateScopes: true);
        return _services;
    }

    private ISmsSender CreateSender(Dictionary<string, string?>? overrides = null) =>
        BuildServices(overrides).GetRequiredService<ISmsSender>();

    private IEnumerable<string> LoggedMessages() =>
        _services!.GetFakeLogCollector().GetSnapshot().Select(r => $"{r.Message} {r.Exception} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])}");

    [Fact]
    public async Task A_send_posts_the_form_eskiz_expects_and_returns_its_message_id()
    {
        var sender = CreateSender();

        var receipt = await sender.SendAsync(new SmsMessage("+998 90 123-45-67", "Kodingiz: 4821"), CancellationToken.None);

        var accepted = _eskiz.Accepted.ShouldHaveSingleItem();
        receipt.ProviderMessageId.ShouldBe(accepted.Id);
        accepted.Request.BearerToken.ShouldBe("token-1");
        accepted.Request.Form.ShouldBe(new Dictionary<string, string>
        {
            ["mobile_phone"] = "998901234567",
            ["message"] = "Kodingiz: 4821",
            ["from"] = "4546",
            ["callback_url"] = $"{CallbackUrl}?secret={Uri.EscapeDataString(CallbackSecret)}",
        }, ignoreOrder: true);
        _eskiz.Logins.ShouldHaveSingleItem().Form.ShouldBe(new Dictionary<string, string>
        {
            ["email"] = FakeEskizServer.Email,
            ["password"] = FakeEskizServer.Password,
        }, ignoreOrder: true);
    }

    [Fact]
    public async Task Without_a_callback_url_no_callback_is_requested()
    {
        var sender = CreateSender(new() { ["Sms:Eskiz:CallbackUrl"] = null, ["Sms:Eskiz:CallbackSecret"] = null });

        await sender.SendAsync(new SmsMessage("+998901234567", "Salom"), CancellationToken.None);

        _eskiz.Accepted.ShouldHaveSingleItem().Request.Form.ShouldNotContainKey("callback_url");
    }

    [Fact]
    public async Task The_token_is_reused_across_sends()
    {
        var sender = CreateSender();

        await sender.SendAsync(new SmsMessage("+998901234567", "Birinchi"), CancellationToken.None);
        await sender.SendAsync(new SmsMessage("+998901234567", "Ikkinchi"), CancellationToken.None);

        _eskiz.Logins.Count.ShouldBe(1);
        _eskiz.Accepted.Select(a => a.Request.BearerToken).ShouldBe(["token-1", "token-1"]);
    }

    [Fact]
    public async Task Concurrent_first_sends_log_in_once()
    {
        var services = BuildServices();

        // Separate sender instances, as separate requests would get, share the one token cache.
        await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            services.GetRequiredService<ISmsSender>().SendAsync(new SmsMessage("+998901234567", $"Xabar {i}"), CancellationToken.None)));

        _eskiz.Logins.Count.ShouldBe(1);
        _eskiz.Accepted.Count.ShouldBe(5);
    }

    [Fact]
    public async Task An_expired_token_is_replaced_by_one_login_and_the_sms_is_sent_once()
    {
        var sender = CreateSender();
        await sender.SendAsync(new SmsMessage("+998901234567", "Birinchi"), CancellationToken.None);
        _eskiz.ExpireIssuedTokens();

        var receipt = await sender.SendAsync(new SmsMessage("+998901234567", "Ikkinchi"), CancellationToken.None);

        _eskiz.Logins.Count.ShouldBe(2);
        _eskiz.SendAttempts.Where(s => s.Form["message"] == "Ikkinchi").Select(s => s.BearerToken).ShouldBe(["token-1", "token-2"]);
        var second = _eskiz.Accepted.Where(a => a.Request.Form["message"] == "Ikkinchi").ShouldHaveSingleItem();
        receipt.ProviderMessageId.ShouldBe(second.Id);
    }

    [Fact]
    public async Task A_token_rejected_again_after_a_fresh_login_fails_instead_of_looping()
    {
        var sender = CreateSender();
        _eskiz.RejectAllTokens = true;

        var failure = await Should.ThrowAsync<SmsDeliveryException>(
            () => sender.SendAsync(new SmsMessage("+998901234567", "Salom"), CancellationToken.None));

        failure.Message.ShouldContain("401");
        _eskiz.Logins.Count.ShouldBe(2);
        _eskiz.SendAttempts.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_server_error_on_send_fails_after_exactly_one_attempt(HttpStatusCode status)
    {
        var sender = CreateSender();
        _eskiz.SendFailsWith = status;

        var failure = await Should.ThrowAsync<SmsDeliveryException>(
            () => sender.SendAsync(new SmsMessage("+998901234567", "Salom"), CancellationToken.None));

        failure.Message.ShouldContain(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _eskiz.SendAttempts.Count.ShouldBe(1);
        _eskiz.Accepted.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rejected_login_fails_without_revealing_the_password_and_sends_nothing()
    {
        const string wrongPassword = "Wrong-Password-123";
        var sender = CreateSender(new() { ["Sms:Eskiz:Password"] = wrongPassword });

        var failure = await Should.ThrowAsync<SmsDeliveryException>(
            () => sender.SendAsync(new SmsMessage("+998901234567", "Salom"), CancellationToken.None));

        failure.Message.ShouldContain("401");
        failure.ToString().ShouldNotContain(wrongPassword);
        LoggedMessages().ShouldAllBe(m => !m.Contains(wrongPassword));
        _eskiz.SendAttempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_login_the_gateway_could_not_serve_is_retried()
    {
        var sender = CreateSender();
        _eskiz.FailNextLogins(1);

        await sender.SendAsync(new SmsMessage("+998901234567", "Salom"), CancellationToken.None);

        _eskiz.Logins.Count.ShouldBe(2);
        _eskiz.Accepted.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Neither_the_password_nor_a_token_is_logged()
    {
        var sender = CreateSender();
        await sender.SendAsync(new SmsMessage("+998901234567", "Birinchi"), CancellationToken.None);
        _eskiz.ExpireIssuedTokens();
        await sender.SendAsync(new SmsMessage("+998901234567", "Ikkinchi"), CancellationToken.None);

        var logged = LoggedMessages().ToList();
        logged.ShouldNotBeEmpty();
        logged.ShouldAllBe(m => !m.Contains(FakeEskizServer.Password) && !m.Contains("token-1") && !m.Contains("token-2") && !m.Contains(CallbackSecret));
    }

    [Theory]
    [InlineData("Sms:Eskiz:Password", "")]
    [InlineData("Sms:Eskiz:BaseUrl", "not a url")]
    [InlineData("Sms:Eskiz:CallbackSecret", "")]
    public void Incomplete_settings_are_refused_on_start(string key, string value)
    {
        var services = BuildServices(new() { [key] = value });

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        failure.Message.ShouldContain(key[(key.LastIndexOf(':') + 1)..]);
    }
}
