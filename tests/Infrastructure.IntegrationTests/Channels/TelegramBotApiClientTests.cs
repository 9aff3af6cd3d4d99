using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Channels.Common;

namespace Infrastructure.IntegrationTests.Channels;

public sealed class TelegramBotApiClientTests : IAsyncLifetime
{
    private const string Token = FakeTelegramServer.BotToken;

    private FakeTelegramServer _telegram = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _telegram.DisposeAsync();
    }

    private ITelegramBotApi CreateClient(TimeProvider? time = null)
    {
        _services = ChannelApiTestHost.Build(new() { ["Telegram:BaseUrl"] = _telegram.BaseUrl }, time);
        return _services.GetRequiredService<ITelegramBotApi>();
    }

    [Fact]
    public async Task GetMe_returns_the_bots_identity()
    {
        var telegram = CreateClient();

        var me = await telegram.GetMeAsync(Token, CancellationToken.None);

        me.ShouldBe(new TelegramBotIdentity(FakeTelegramServer.BotId, FakeTelegramServer.BotUsername, "Test bot"));
        var request = _telegram.Requests.ShouldHaveSingleItem();
        request.ShouldBe(new TelegramRequest("GET", $"/bot{Token}/getMe", Token, "getMe", null));
    }

    [Fact]
    public async Task SetWebhook_sends_the_url_the_secret_and_the_updates_and_keeps_pending_updates()
    {
        var telegram = CreateClient();

        await telegram.SetWebhookAsync(Token, new Uri("https://app.virtuops.uz/webhooks/telegram/0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
            "s3cr3t_Token-0123456789abcdefghijk", ["message", "edited_message", "callback_query"], CancellationToken.None);

        var request = _telegram.RequestsFor("setWebhook").ShouldHaveSingleItem();
        request.HttpMethod.ShouldBe("POST");
        request.Body!.ToJsonString().ShouldBe(
            """{"url":"https://app.virtuops.uz/webhooks/telegram/0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","secret_token":"s3cr3t_Token-0123456789abcdefghijk","allowed_updates":["message","edited_message","callback_query"],"drop_pending_updates":false}""");
        _telegram.WebhookOf(Token).ShouldNotBeNull().SecretToken.ShouldBe("s3cr3t_Token-0123456789abcdefghijk");
    }

    [Fact]
    public async Task DeleteWebhook_removes_the_webhook()
    {
        var telegram = CreateClient();
        await telegram.SetWebhookAsync(Token, new Uri("https://app.virtuops.uz/hook"), "secret", ["message"], CancellationToken.None);

        await telegram.DeleteWebhookAsync(Token, CancellationToken.None);

        _telegram.WebhookOf(Token).ShouldBeNull();
        _telegram.RequestsFor("deleteWebhook").ShouldHaveSingleItem().Body!.ToJsonString().ShouldBe("""{"drop_pending_updates":false}""");
    }

    [Fact]
    public async Task SendMessage_posts_the_chat_and_text_and_returns_telegrams_message_id()
    {
        var telegram = CreateClient();

        var messageId = await telegram.SendMessageAsync(Token, "123456789", "Salom! Привет!", CancellationToken.None);

        var sent = _telegram.Sent.ShouldHaveSingleItem();
        messageId.ShouldBe(sent.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _telegram.RequestsFor("sendMessage").ShouldHaveSingleItem().Body!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }).ShouldBe("""{"chat_id":123456789,"text":"Salom! Привет!"}""");
    }

    [Fact]
    public async Task A_429_is_rate_limited_with_telegrams_retry_after_and_is_not_repeated()
    {
        var telegram = CreateClient();
        _telegram.RateLimitNext(1, retryAfterSeconds: 7);

        var failure = await Should.ThrowAsync<ChannelApiException>(() => telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.RateLimited);
        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        failure.ProviderCode.ShouldBe("429");
        _telegram.RequestsFor("sendMessage").Count.ShouldBe(1);
        _telegram.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_server_error_on_a_send_is_transient_and_the_send_is_not_repeated()
    {
        var telegram = CreateClient();
        _telegram.FailNext(1, HttpStatusCode.BadGateway);

        var failure = await Should.ThrowAsync<ChannelApiException>(() => telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Transient);
        failure.IsRetryable.ShouldBeTrue();
        _telegram.RequestsFor("sendMessage").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_server_error_on_getMe_is_retried()
    {
        var telegram = CreateClient();
        _telegram.FailNext(1, HttpStatusCode.ServiceUnavailable);

        var me = await telegram.GetMeAsync(Token, CancellationToken.None);

        me.Id.ShouldBe(FakeTelegramServer.BotId);
        _telegram.RequestsFor("getMe").Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_send_that_times_out_is_transient_and_is_not_repeated()
    {
        var time = new FakeTimeProvider();
        var telegram = CreateClient(time);
        _telegram.DelayNext(1, TimeSpan.FromSeconds(30), "sendMessage");

        var sending = telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None);
        await _telegram.WaitForSendsAsync(1, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));

        var failure = await Should.ThrowAsync<ChannelApiException>(() => sending);

        failure.Failure.ShouldBe(ChannelFailure.Transient);
        _telegram.RequestsFor("sendMessage").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_token_telegram_does_not_know_is_unauthorized()
    {
        var telegram = CreateClient();

        var failure = await Should.ThrowAsync<ChannelApiException>(() => telegram.GetMeAsync("7000000002:AAHunknownTokenForTests_0123456789ab", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Unauthorized);
        failure.IsRetryable.ShouldBeFalse();
        _telegram.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_rejected_with_telegrams_description()
    {
        var telegram = CreateClient();
        _telegram.BlockChat("42");

        var failure = await Should.ThrowAsync<ChannelApiException>(() => telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Rejected);
        failure.Message.ShouldContain("bot was blocked by the user");
        failure.ProviderCode.ShouldBe("403");
    }

    [Fact]
    public async Task The_bot_token_never_reaches_a_log_or_an_exception_message()
    {
        var time = new FakeTimeProvider();
        var telegram = CreateClient(time);
        _telegram.FailNext(1, HttpStatusCode.InternalServerError, "getMe");
        _telegram.DelayNext(1, TimeSpan.FromSeconds(30), "sendMessage");
        _telegram.RateLimitNext(1, 3, "sendMessage");
        var messages = new List<string>();

        await telegram.GetMeAsync(Token, CancellationToken.None);
        await telegram.SetWebhookAsync(Token, new Uri("https://app.virtuops.uz/hook"), "secret", ["message"], CancellationToken.None);
        var timingOut = telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None);
        await _telegram.WaitForSendsAsync(1, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));
        messages.Add((await Should.ThrowAsync<ChannelApiException>(() => timingOut)).ToString());
        messages.Add((await Should.ThrowAsync<ChannelApiException>(() => telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None))).ToString());
        await telegram.SendMessageAsync(Token, "42", "hi", CancellationToken.None);
        await telegram.DeleteWebhookAsync(Token, CancellationToken.None);

        var logged = _services!.LoggedText().ToList();
        logged.ShouldNotBeEmpty();
        logged.Concat(messages).ShouldAllBe(text => !text.Contains("AAHfakeTokenForTests"));
    }
}
