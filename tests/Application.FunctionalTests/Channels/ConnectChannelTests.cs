using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Bots;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Channels;

public sealed class ConnectChannelTests(ChannelsApiFactory factory) : IClassFixture<ChannelsApiFactory>
{
    private FakeTelegramServer Telegram => factory.Telegram;

    private FakeGraphServer Graph => factory.Graph;

    private static int _accounts;

    /// <summary>A Telegram bot only this test knows, registered with the fake.</summary>
    private (string Token, string Id, string Username) NewTelegramBot()
    {
        var n = Interlocked.Increment(ref _accounts);
        var id = 7100000000L + n;
        // Digits, a colon and 35 URL-safe characters, as @BotFather issues them.
        var token = FormattableString.Invariant($"{id}:AAH{n:D4}_fakeTokenForFunctionalTests");
        Telegram.AddBot(token, id, $"shop_{n}_bot");
        return (token, FormattableString.Invariant($"{id}"), $"shop_{n}_bot");
    }

    private async Task<(SpaClient Owner, Guid BotId)> OwnerWithBotAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return (owner, (await BotTestData.CreateBotAsync(owner, "Do‘kon boti")).Id);
    }

    private static async Task<ChannelConnectionDto> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ChannelConnectionDto>(SpaClient.Json))!;

    private static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        return (await response.Content.ReadFromJsonAsync<ValidationProblem>())!.Errors;
    }

    private sealed record ValidationProblem(Dictionary<string, string[]> Errors);

    private async Task<bool> DatabaseFilesContainAsync(string text)
    {
        foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            if (copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0)
                return true;
        }

        return false;
    }

    [Fact]
    public async Task Connecting_a_telegram_bot_points_its_webhook_at_us_with_a_secret_and_keeps_the_token_encrypted()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-connect@example.uz", "+998901000300");
        using var _ = owner;
        var telegramBot = NewTelegramBot();

        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = $"  {telegramBot.Token} " });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var connection = await ReadAsync(response);
        (connection.BotId, connection.Channel, connection.AccountId, connection.DisplayName, connection.IsConnected)
            .ShouldBe((botId, Channel.Telegram, telegramBot.Id, $"@{telegramBot.Username}", true));
        connection.CallbackUrl.AbsolutePath.ShouldBe($"/webhooks/telegram/{connection.Id}");
        connection.VerifyToken.ShouldBeNull();

        var webhook = Telegram.WebhookOf(telegramBot.Token).ShouldNotBeNull();
        webhook.Url.ShouldBe(connection.CallbackUrl.AbsoluteUri);
        webhook.SecretToken.Length.ShouldBeGreaterThanOrEqualTo(32);
        webhook.AllowedUpdates.ShouldBe(["message", "edited_message", "callback_query"]);
        webhook.DropPendingUpdates.ShouldBeFalse();

        (await owner.GetAsync<List<ChannelConnectionDto>>($"/api/bots/{botId}/channels"))!.ShouldHaveSingleItem().Id.ShouldBe(connection.Id);
        (await owner.Http.GetStringAsync($"/api/bots/{botId}/channels")).ShouldNotContain(webhook.SecretToken);
        (await DatabaseFilesContainAsync(telegramBot.Token)).ShouldBeFalse();
        (await DatabaseFilesContainAsync(webhook.SecretToken)).ShouldBeFalse();
        // The scan can see stored text: the display name is stored in plain text.
        (await DatabaseFilesContainAsync(telegramBot.Username)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_malformed_token_is_a_field_error_and_nothing_is_stored_or_sent()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-malformed@example.uz", "+998901000301");
        using var _ = owner;
        var requestsBefore = Telegram.Requests.Count;

        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = "123456:short" });

        (await FieldErrorsAsync(response)).Keys.ShouldBe(["botToken"]);
        Telegram.Requests.Count.ShouldBe(requestsBefore);
        (await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().AnyAsync(c => c.BotId == botId))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_token_telegram_refuses_is_a_field_error_and_nothing_is_stored()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-refused@example.uz", "+998901000302");
        using var _ = owner;

        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = "7199999999:AAHrevokedTokenForFunctionalTests_a" });

        (await FieldErrorsAsync(response))["botToken"].ShouldBe(["Telegram refused this token."]);
        (await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().AnyAsync(c => c.BotId == botId))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_telegram_bot_connected_anywhere_cannot_be_connected_again_and_keeps_its_webhook()
    {
        var (first, firstBotId) = await OwnerWithBotAsync("tg-dup-a@example.uz", "+998901000303");
        var (second, secondBotId) = await OwnerWithBotAsync("tg-dup-b@example.uz", "+998901000304");
        using var _ = first;
        using var __ = second;
        var telegramBot = NewTelegramBot();
        var connected = await ReadAsync(await first.Http.PostAsJsonAsync($"/api/bots/{firstBotId}/channels/telegram", new { botToken = telegramBot.Token }));
        var setWebhooks = Telegram.RequestsFor("setWebhook").Count;

        var otherTenant = await second.Http.PostAsJsonAsync($"/api/bots/{secondBotId}/channels/telegram", new { botToken = telegramBot.Token });
        var sameBotAgain = await first.Http.PostAsJsonAsync($"/api/bots/{firstBotId}/channels/telegram", new { botToken = NewTelegramBot().Token });

        otherTenant.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        sameBotAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Telegram.RequestsFor("setWebhook").Count.ShouldBe(setWebhooks);
        Telegram.WebhookOf(telegramBot.Token)!.Url.ShouldBe(connected.CallbackUrl.AbsoluteUri);
    }

    [Fact]
    public async Task When_telegram_refuses_the_webhook_no_connection_is_left_behind()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-hook-refused@example.uz", "+998901000305");
        using var _ = owner;
        var telegramBot = NewTelegramBot();
        Telegram.FailNext(1, HttpStatusCode.BadRequest, "setWebhook");

        var refused = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = telegramBot.Token });

        (await FieldErrorsAsync(refused)).Keys.ShouldBe(["botToken"]);
        (await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().AnyAsync(c => c.BotId == botId))).ShouldBeFalse();
        (await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = telegramBot.Token })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task When_telegram_is_down_connecting_answers_503_and_stores_nothing()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-down@example.uz", "+998901000306");
        using var _ = owner;
        var telegramBot = NewTelegramBot();
        // getMe is a read: the first attempt and both retries fail.
        Telegram.FailNext(3, HttpStatusCode.BadGateway, "getMe");

        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = telegramBot.Token });

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().AnyAsync(c => c.BotId == botId))).ShouldBeFalse();
    }

    [Fact]
    public async Task Disconnecting_telegram_removes_the_webhook_and_deletes_the_credentials()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-disconnect@example.uz", "+998901000307");
        using var _ = owner;
        var telegramBot = NewTelegramBot();
        var connection = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = telegramBot.Token }));

        (await owner.Http.DeleteAsync($"/api/channels/{connection.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        Telegram.WebhookOf(telegramBot.Token).ShouldBeNull();
        Telegram.RequestsFor("deleteWebhook").ShouldContain(r => r.Token == telegramBot.Token);
        var stored = await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == connection.Id));
        stored.IsConnected.ShouldBeFalse();
        stored.EncryptedCredentials.ShouldBeEmpty();
        (await owner.GetAsync<List<ChannelConnectionDto>>($"/api/bots/{botId}/channels"))!.ShouldBeEmpty();
        // Disconnected, the bot and the Telegram account are free again.
        (await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = telegramBot.Token })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Disconnecting_still_disconnects_when_telegram_cannot_remove_the_webhook_and_records_why()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-disconnect-down@example.uz", "+998901000308");
        using var _ = owner;
        var connection = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = NewTelegramBot().Token }));
        Telegram.FailNext(1, HttpStatusCode.InternalServerError, "deleteWebhook");

        (await owner.Http.DeleteAsync($"/api/channels/{connection.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var stored = await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == connection.Id));
        stored.IsConnected.ShouldBeFalse();
        stored.EncryptedCredentials.ShouldBeEmpty();
        stored.LastError.ShouldNotBeNull().ShouldContain("webhooks could not be stopped");
    }

    [Fact]
    public async Task Disconnecting_meta_channels_drops_the_app_subscription_once_no_number_of_the_business_account_is_left()
    {
        var (owner, botId) = await OwnerWithBotAsync("meta-disconnect@example.uz", "+998901000320");
        using var _ = owner;
        var secondBotId = (await BotTestData.CreateBotAsync(owner, "Ikkinchi raqam")).Id;
        const string appSecret = "0123456789abcdef0123456789abcdef";
        const string businessAccountId = "102290129340420";
        Graph.AddBusinessAccount(businessAccountId, "EAAGdisconnectToken");
        Graph.AddWhatsAppNumber("106540352242421", "EAAGdisconnectToken", "+998 71 200 04 21", "Disconnect One");
        Graph.AddWhatsAppNumber("106540352242422", "EAAGdisconnectToken", "+998 71 200 04 22", "Disconnect Two");
        Graph.AddInstagramAccount("17841405822304420", "IGQdisconnectToken", "virtuops.disconnect");
        var first = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/whatsapp", new
        {
            phoneNumberId = "106540352242421", businessAccountId, accessToken = "EAAGdisconnectToken", appSecret,
        }));
        var second = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{secondBotId}/channels/whatsapp", new
        {
            phoneNumberId = "106540352242422", businessAccountId, accessToken = "EAAGdisconnectToken", appSecret,
        }));
        var instagram = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/instagram", new
        {
            accountId = "17841405822304420", accessToken = "IGQdisconnectToken", appSecret,
        }));

        (await owner.Http.DeleteAsync($"/api/channels/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Graph.Unsubscribed.ShouldNotContain(businessAccountId, "the other number of the business account still receives messages");

        (await owner.Http.DeleteAsync($"/api/channels/{second.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Http.DeleteAsync($"/api/channels/{instagram.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Graph.Unsubscribed.Count(id => id == businessAccountId).ShouldBe(1);
        Graph.Unsubscribed.Count(id => id == "17841405822304420").ShouldBe(1);
        Graph.Requests.Where(r => r.HttpMethod == "DELETE").ShouldAllBe(r => r.AccessToken == "EAAGdisconnectToken" || r.AccessToken == "IGQdisconnectToken");
    }

    [Fact]
    public async Task Connecting_whatsapp_and_instagram_shows_the_callback_urls_and_verify_tokens_but_never_the_secrets()
    {
        var (owner, botId) = await OwnerWithBotAsync("meta-connect@example.uz", "+998901000309");
        using var _ = owner;
        const string appSecret = "0123456789abcdef0123456789abcdef";

        var whatsApp = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/whatsapp", new
        {
            phoneNumberId = FakeGraphServer.PhoneNumberId, businessAccountId = FakeGraphServer.BusinessAccountId,
            accessToken = FakeGraphServer.WhatsAppToken, appSecret,
        });
        var instagram = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/instagram", new
        {
            accountId = FakeGraphServer.InstagramAccountId, accessToken = FakeGraphServer.InstagramToken, appSecret,
        });

        whatsApp.StatusCode.ShouldBe(HttpStatusCode.Created);
        instagram.StatusCode.ShouldBe(HttpStatusCode.Created);
        var list = (await owner.GetAsync<List<ChannelConnectionDto>>($"/api/bots/{botId}/channels"))!;
        list.Select(c => c.Channel).ShouldBe([Channel.WhatsApp, Channel.Instagram]);
        var (wa, ig) = (list[0], list[1]);
        (wa.AccountId, wa.BusinessAccountId, wa.DisplayName).ShouldBe((FakeGraphServer.PhoneNumberId, FakeGraphServer.BusinessAccountId, "+998 71 200 00 00 (VirtuOps Test)"));
        (ig.AccountId, ig.DisplayName).ShouldBe((FakeGraphServer.InstagramAccountId, "@virtuops.test"));
        wa.CallbackUrl.AbsolutePath.ShouldBe($"/webhooks/whatsapp/{wa.Id}");
        ig.CallbackUrl.AbsolutePath.ShouldBe($"/webhooks/instagram/{ig.Id}");
        wa.VerifyToken.ShouldNotBeNull().Length.ShouldBeGreaterThanOrEqualTo(32);
        ig.VerifyToken.ShouldNotBeNull().ShouldNotBe(wa.VerifyToken);

        var json = await owner.Http.GetStringAsync($"/api/bots/{botId}/channels");
        foreach (var secret in new[] { FakeGraphServer.WhatsAppToken, FakeGraphServer.InstagramToken, appSecret })
        {
            json.ShouldNotContain(secret);
            (await DatabaseFilesContainAsync(secret)).ShouldBeFalse();
        }

        (await DatabaseFilesContainAsync(wa.VerifyToken!)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_meta_token_that_does_not_work_is_a_field_error()
    {
        var (owner, botId) = await OwnerWithBotAsync("meta-refused@example.uz", "+998901000310");
        using var _ = owner;

        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/whatsapp", new
        {
            phoneNumberId = FakeGraphServer.PhoneNumberId, businessAccountId = FakeGraphServer.BusinessAccountId,
            accessToken = "EAAGexpired", appSecret = "0123456789abcdef0123456789abcdef",
        });

        (await FieldErrorsAsync(response))["accessToken"].ShouldBe(["WhatsApp refused this token."]);
    }

    [Fact]
    public async Task Testing_a_connection_reports_success_and_records_a_failure_in_its_health_until_a_check_succeeds()
    {
        var (owner, botId) = await OwnerWithBotAsync("tg-test@example.uz", "+998901000311");
        using var _ = owner;
        var telegramBot = NewTelegramBot();
        var connection = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = telegramBot.Token }));

        var ok = (await (await owner.Http.PostAsync($"/api/channels/{connection.Id}/test", null)).Content.ReadFromJsonAsync<ChannelTestResultDto>(SpaClient.Json))!;
        Telegram.RevokeBot(telegramBot.Token);
        var failed = (await (await owner.Http.PostAsync($"/api/channels/{connection.Id}/test", null)).Content.ReadFromJsonAsync<ChannelTestResultDto>(SpaClient.Json))!;

        ok.Ok.ShouldBeTrue();
        ok.Message.ShouldContain($"@{telegramBot.Username}");
        failed.Ok.ShouldBeFalse();
        failed.Message.ShouldContain("refused the bot token");
        failed.CheckedAt.ShouldBe(factory.Time.GetUtcNow());
        var health = (await owner.GetAsync<List<ChannelConnectionDto>>($"/api/bots/{botId}/channels"))!.ShouldHaveSingleItem();
        health.LastError.ShouldBe(failed.Message);
        // SQLite keeps the time to the millisecond.
        health.LastErrorAt.ShouldNotBeNull().ShouldBe(failed.CheckedAt, TimeSpan.FromMilliseconds(1));
        health.IsConnected.ShouldBeTrue();

        Telegram.AddBot(telegramBot.Token, long.Parse(telegramBot.Id, System.Globalization.CultureInfo.InvariantCulture), telegramBot.Username);
        var fixedNow = (await (await owner.Http.PostAsync($"/api/channels/{connection.Id}/test", null)).Content.ReadFromJsonAsync<ChannelTestResultDto>(SpaClient.Json))!;
        fixedNow.Ok.ShouldBeTrue();
        var recovered = (await owner.GetAsync<List<ChannelConnectionDto>>($"/api/bots/{botId}/channels"))!.ShouldHaveSingleItem();
        (recovered.LastError, recovered.LastErrorAt).ShouldBe((null, null), "the owner checked it works again");
    }

    [Fact]
    public async Task Connections_beyond_the_plan_limit_are_refused()
    {
        var (owner, firstBotId) = await OwnerWithBotAsync("channel-limit@example.uz", "+998901000312");
        using var _ = owner;
        var secondBotId = (await BotTestData.CreateBotAsync(owner, "Ikkinchi bot")).Id;
        const string appSecret = "0123456789abcdef0123456789abcdef";
        Graph.AddWhatsAppNumber("106540352242999", "EAAGsecondNumberToken", "+998 71 200 00 99", "VirtuOps Two");
        Graph.AddInstagramAccount("17841405822309999", "IGQsecondAccountToken", "virtuops.two");
        (await owner.Http.PostAsJsonAsync($"/api/bots/{firstBotId}/channels/telegram", new { botToken = NewTelegramBot().Token })).EnsureSuccessStatusCode();
        (await owner.Http.PostAsJsonAsync($"/api/bots/{firstBotId}/channels/whatsapp", new
        {
            phoneNumberId = "106540352242999", businessAccountId = "102290129340399", accessToken = "EAAGsecondNumberToken", appSecret,
        })).EnsureSuccessStatusCode();
        (await owner.Http.PostAsJsonAsync($"/api/bots/{firstBotId}/channels/instagram", new
        {
            accountId = "17841405822309999", accessToken = "IGQsecondAccountToken", appSecret,
        })).EnsureSuccessStatusCode();
        (await owner.Http.PostAsJsonAsync($"/api/bots/{secondBotId}/channels/telegram", new { botToken = NewTelegramBot().Token })).EnsureSuccessStatusCode();

        // Four is the allowance before subscribing.
        var fifth = await owner.Http.PostAsJsonAsync($"/api/bots/{secondBotId}/channels/telegram", new { botToken = NewTelegramBot().Token });

        fifth.StatusCode.ShouldBe(HttpStatusCode.Conflict); // the second bot already has Telegram
        var overLimit = await owner.Http.PostAsJsonAsync($"/api/bots/{secondBotId}/channels/instagram", new
        {
            accountId = FakeGraphServer.InstagramAccountId, accessToken = FakeGraphServer.InstagramToken, appSecret,
        });
        overLimit.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await overLimit.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.ToString().ShouldContain("4 connected channels");
    }

    [Fact]
    public async Task Agents_can_neither_see_nor_change_channels()
    {
        var (owner, botId) = await OwnerWithBotAsync("channel-agent-owner@example.uz", "+998901000313");
        using var _ = owner;
        var connection = await ReadAsync(await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = NewTelegramBot().Token }));
        using var agent = await ChannelTestData.InviteAgentAsync(factory, owner, "channel-agent@example.uz");

        (await agent.Http.GetAsync($"/api/bots/{botId}/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.Http.PostAsJsonAsync($"/api/bots/{botId}/channels/telegram", new { botToken = NewTelegramBot().Token })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.Http.PostAsync($"/api/channels/{connection.Id}/test", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.Http.DeleteAsync($"/api/channels/{connection.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.GetAsync<List<ChannelConnectionDto>>($"/api/bots/{botId}/channels"))!.ShouldHaveSingleItem().IsConnected.ShouldBeTrue();
    }
}
