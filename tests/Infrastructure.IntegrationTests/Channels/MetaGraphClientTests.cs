using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Channels.Common;

namespace Infrastructure.IntegrationTests.Channels;

public sealed class MetaGraphClientTests : IAsyncLifetime
{
    private const string NumberId = FakeGraphServer.PhoneNumberId;
    private const string WhatsAppToken = FakeGraphServer.WhatsAppToken;
    private const string InstagramId = FakeGraphServer.InstagramAccountId;
    private const string InstagramToken = FakeGraphServer.InstagramToken;

    private FakeGraphServer _graph = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _graph = await FakeGraphServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _graph.DisposeAsync();
    }

    private IMetaGraphApi CreateClient(TimeProvider? time = null)
    {
        _services = ChannelApiTestHost.Build(new() { ["Meta:GraphBaseUrl"] = _graph.BaseUrl }, time);
        return _services.GetRequiredService<IMetaGraphApi>();
    }

    [Fact]
    public async Task Reading_a_whatsapp_number_asks_for_its_display_number_and_verified_name_with_the_bearer_token()
    {
        var meta = CreateClient();

        var number = await meta.GetWhatsAppNumberAsync(NumberId, WhatsAppToken, CancellationToken.None);

        number.ShouldBe(new WhatsAppNumberInfo(FakeGraphServer.DisplayPhoneNumber, FakeGraphServer.VerifiedName));
        var request = _graph.Requests.ShouldHaveSingleItem();
        request.ShouldBe(new GraphRequest("GET", $"/{NumberId}", "?fields=display_phone_number,verified_name", WhatsAppToken, null));
    }

    [Fact]
    public async Task Reading_an_instagram_account_asks_for_its_username()
    {
        var meta = CreateClient();

        var account = await meta.GetInstagramAccountAsync(InstagramId, InstagramToken, CancellationToken.None);

        account.ShouldBe(new InstagramAccountInfo(InstagramId, FakeGraphServer.InstagramUsername));
        _graph.Requests.ShouldHaveSingleItem().ShouldBe(new GraphRequest("GET", $"/{InstagramId}", "?fields=username", InstagramToken, null));
    }

    [Fact]
    public async Task A_whatsapp_send_posts_the_documented_body_and_returns_the_wamid()
    {
        var meta = CreateClient();

        var wamid = await meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "Salom!", CancellationToken.None);

        wamid.ShouldBe(_graph.Sent.ShouldHaveSingleItem().MessageId);
        wamid.ShouldStartWith("wamid.");
        var request = _graph.Requests.ShouldHaveSingleItem();
        (request.HttpMethod, request.Path, request.AccessToken).ShouldBe(("POST", $"/{NumberId}/messages", WhatsAppToken));
        request.Body!.ToJsonString().ShouldBe(
            """{"messaging_product":"whatsapp","recipient_type":"individual","to":"998901112233","type":"text","text":{"body":"Salom!"}}""");
    }

    [Fact]
    public async Task An_instagram_send_posts_recipient_and_text_and_returns_the_message_id()
    {
        var meta = CreateClient();

        var messageId = await meta.SendInstagramTextAsync(InstagramId, InstagramToken, "1254459154682919", "Salom!", humanAgent: false, CancellationToken.None);

        messageId.ShouldBe(_graph.Sent.ShouldHaveSingleItem().MessageId);
        var request = _graph.Requests.ShouldHaveSingleItem();
        (request.HttpMethod, request.Path, request.AccessToken).ShouldBe(("POST", $"/{InstagramId}/messages", InstagramToken));
        request.Body!.ToJsonString().ShouldBe("""{"recipient":{"id":"1254459154682919"},"message":{"text":"Salom!"}}""");
    }

    [Fact]
    public async Task A_person_answering_on_instagram_sends_with_the_human_agent_tag()
    {
        var meta = CreateClient();
        _graph.CloseWindow("1254459154682919");

        await meta.SendInstagramTextAsync(InstagramId, InstagramToken, "1254459154682919", "Operator javobi", humanAgent: true, CancellationToken.None);

        _graph.Sent.ShouldHaveSingleItem().Tag.ShouldBe("HUMAN_AGENT");
        _graph.Requests.ShouldHaveSingleItem().Body!.ToJsonString().ShouldBe(
            """{"recipient":{"id":"1254459154682919"},"message":{"text":"Operator javobi"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT"}""");
    }

    [Fact]
    public async Task Error_130429_is_rate_limited_with_the_retry_after_header_and_is_not_repeated()
    {
        var meta = CreateClient();
        _graph.RateLimitNext(1, TimeSpan.FromSeconds(12));

        var failure = await Should.ThrowAsync<ChannelApiException>(() => meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "hi", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.RateLimited);
        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(12));
        failure.ProviderCode.ShouldBe("130429");
        _graph.Requests.Count.ShouldBe(1);
        _graph.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_http_429_is_rate_limited()
    {
        var meta = CreateClient();
        _graph.FailNext(1, HttpStatusCode.TooManyRequests);

        var failure = await Should.ThrowAsync<ChannelApiException>(() => meta.SendInstagramTextAsync(InstagramId, InstagramToken, "1", "hi", false, CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.RateLimited);
        failure.RetryAfter.ShouldBeNull();
    }

    [Fact]
    public async Task A_server_error_on_a_send_is_transient_and_the_send_is_not_repeated()
    {
        var meta = CreateClient();
        _graph.FailNext(1, HttpStatusCode.InternalServerError);

        var failure = await Should.ThrowAsync<ChannelApiException>(() => meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "hi", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Transient);
        _graph.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_server_error_on_a_read_is_retried()
    {
        var meta = CreateClient();
        _graph.FailNext(2, HttpStatusCode.ServiceUnavailable, "get");

        var number = await meta.GetWhatsAppNumberAsync(NumberId, WhatsAppToken, CancellationToken.None);

        number.VerifiedName.ShouldBe(FakeGraphServer.VerifiedName);
        _graph.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_send_that_times_out_is_transient_and_is_not_repeated()
    {
        var time = new FakeTimeProvider();
        var meta = CreateClient(time);
        _graph.DelayNext(1, TimeSpan.FromSeconds(30), "send");

        var sending = meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "hi", CancellationToken.None);
        await _graph.WaitForSendsAsync(1, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));

        var failure = await Should.ThrowAsync<ChannelApiException>(() => sending);

        failure.Failure.ShouldBe(ChannelFailure.Transient);
        _graph.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Unsubscribing_deletes_the_apps_subscription_of_the_business_account_with_the_bearer_token()
    {
        var meta = CreateClient();

        await meta.UnsubscribeAppAsync(FakeGraphServer.BusinessAccountId, WhatsAppToken, CancellationToken.None);

        _graph.Requests.ShouldHaveSingleItem().ShouldBe(new GraphRequest("DELETE", $"/{FakeGraphServer.BusinessAccountId}/subscribed_apps", "", WhatsAppToken, null));
        _graph.Unsubscribed.ShouldBe([FakeGraphServer.BusinessAccountId]);
        var refused = await Should.ThrowAsync<ChannelApiException>(() => meta.UnsubscribeAppAsync(FakeGraphServer.BusinessAccountId, "EAAGwrongToken", CancellationToken.None));
        refused.Failure.ShouldBe(ChannelFailure.Unauthorized);
    }

    [Fact]
    public async Task An_invalid_access_token_is_unauthorized()
    {
        var meta = CreateClient();

        var failure = await Should.ThrowAsync<ChannelApiException>(() => meta.GetWhatsAppNumberAsync(NumberId, "EAAGwrongToken", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Unauthorized);
        failure.ProviderCode.ShouldBe("190");
    }

    [Fact]
    public async Task A_reply_outside_the_24_hour_window_is_rejected()
    {
        var meta = CreateClient();
        _graph.CloseWindow("998901112233");

        var failure = await Should.ThrowAsync<ChannelApiException>(() => meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "hi", CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Rejected);
        failure.ProviderCode.ShouldBe("131047");
        failure.Message.ShouldContain("Re-engagement message");
    }

    [Fact]
    public async Task An_unknown_account_is_rejected()
    {
        var meta = CreateClient();

        var failure = await Should.ThrowAsync<ChannelApiException>(() => meta.GetInstagramAccountAsync("999", InstagramToken, CancellationToken.None));

        failure.Failure.ShouldBe(ChannelFailure.Rejected);
        failure.ProviderCode.ShouldBe("100");
    }

    [Fact]
    public async Task The_access_token_never_reaches_a_log_or_an_exception_message()
    {
        var time = new FakeTimeProvider();
        var meta = CreateClient(time);
        _graph.FailNext(1, HttpStatusCode.BadGateway, "get");
        _graph.DelayNext(1, TimeSpan.FromSeconds(30), "send");
        _graph.RateLimitNext(1, TimeSpan.FromSeconds(1), "send");
        var messages = new List<string>();

        await meta.GetWhatsAppNumberAsync(NumberId, WhatsAppToken, CancellationToken.None);
        var timingOut = meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "hi", CancellationToken.None);
        await _graph.WaitForSendsAsync(1, TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(5));
        messages.Add((await Should.ThrowAsync<ChannelApiException>(() => timingOut)).ToString());
        messages.Add((await Should.ThrowAsync<ChannelApiException>(() => meta.SendWhatsAppTextAsync(NumberId, WhatsAppToken, "998901112233", "hi", CancellationToken.None))).ToString());
        messages.Add((await Should.ThrowAsync<ChannelApiException>(() => meta.GetWhatsAppNumberAsync(NumberId, WhatsAppToken + "x", CancellationToken.None))).ToString());
        await meta.SendInstagramTextAsync(InstagramId, InstagramToken, "1", "hi", true, CancellationToken.None);

        var logged = _services!.LoggedText().ToList();
        logged.ShouldNotBeEmpty();
        logged.Concat(messages).ShouldAllBe(text => !text.Contains("fakeWhatsAppToken") && !text.Contains("fakeInstagramToken"));
    }
}
