using System.Net;
using System.Text;
using Application.FunctionalTests.Bots;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Channels;

/// <summary>The app with a save that fails once when an inbox event is about to be marked processed: a crash just before the commit.</summary>
public sealed class CrashingInboxApiFactory : VirtuOpsApiFactory
{
    public CrashOnceInterceptor Crash { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<ISaveChangesInterceptor>(Crash));

    public sealed class CrashOnceInterceptor : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        /// <summary>A provider id whose event can never be saved as processed: every save holding it fails.</summary>
        public string? Poisoned { get; set; }

        /// <summary>Saves that held processed inbox events, failed ones included.</summary>
        public int ProcessingSaves { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var processing = eventData.Context!.ChangeTracker.Entries<InboundEvent>().Where(e => e.Entity.State == InboundEventState.Processed).ToList();
            if (processing.Count > 0)
                ProcessingSaves++;
            if (Armed && processing.Count > 0)
            {
                Armed = false;
                throw new InvalidOperationException("Simulated crash before the commit.");
            }

            if (processing.Any(e => e.Entity.ExternalId == Poisoned))
                throw new InvalidOperationException("Poisoned event.");

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}

public sealed class InboundWebhookTests : IAsyncLifetime
{
    private readonly CrashingInboxApiFactory _factory = new();
    private Guid _botId;

    public async Task InitializeAsync()
    {
        using var owner = new SpaClient(_factory);
        await owner.RegisterVerifiedOwnerAsync("channels@example.uz", "+998901000700");
        _botId = (await BotTestData.CreateBotAsync(owner, "Kanal boti")).Id;
    }

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    private Task<Guid> ConnectAsync(Channel channel) => ChannelTestData.ConnectAsync(_factory, _botId, channel);

    [Fact]
    public async Task Every_telegram_fixture_becomes_the_customers_message_and_text_gets_a_queued_answer()
    {
        var connection = await ConnectAsync(Channel.Telegram);

        foreach (var fixture in new[] { "telegram_update_text.json", "telegram_update_cyrillic.json", "telegram_update_contact.json" })
        {
            (await _factory.PostFixtureAsync(Channel.Telegram, connection, fixture)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await _factory.ProcessInboxAsync();
        }

        var messages = await _factory.MessagesOfAsync(_botId, Channel.Telegram);
        var inbound = messages.Where(m => m.Direction == MessageDirection.Inbound).ToList();
        inbound.Select(m => (m.ContentType, m.Text, m.ExternalMessageId)).ShouldBe([
            (MessageContentType.Text, "Salom! Yetkazib berish narxi qancha?", "42"),
            (MessageContentType.Text, "Етказиб бериш нархи қанча?", "43"),
            (MessageContentType.Contact, "Dilnoza", "44"),
        ]);
        inbound[2].ContentData.ShouldBe("""{"name":"Dilnoza","phone":"+998901234567"}""");
        // The two questions are answered; a shared contact is for a person to look at.
        var answers = messages.Where(m => m.Author == MessageAuthor.Bot).ToList();
        answers.Count.ShouldBe(2);
        answers.ShouldAllBe(m => m.DeliveryStatus == DeliveryStatus.Pending);

        var contact = await _factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().SingleAsync(c => c.Channel == Channel.Telegram));
        (contact.ExternalId, contact.DisplayName).ShouldBe(("5012345678", "Dilnoza Karimova"));
        (await _factory.InboundEventsAsync()).ShouldAllBe(e => e.State == InboundEventState.Processed);
        (await _factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == connection)))
            .LastInboundAt!.Value.ShouldBe(_factory.Time.GetUtcNow(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Whatsapp_and_instagram_fixtures_are_stored_and_the_operator_button_hands_over()
    {
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        var instagram = await ConnectAsync(Channel.Instagram);

        foreach (var (channel, connection, fixture) in new[]
                 {
                     (Channel.WhatsApp, whatsApp, "whatsapp_text_message.json"),
                     (Channel.WhatsApp, whatsApp, "whatsapp_interactive_reply.json"),
                     (Channel.Instagram, instagram, "instagram_message.json"),
                 })
        {
            (await _factory.PostFixtureAsync(channel, connection, fixture)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await _factory.ProcessInboxAsync();
        }

        var whatsAppMessages = await _factory.MessagesOfAsync(_botId, Channel.WhatsApp);
        whatsAppMessages.Select(m => (m.Author, m.ContentType)).ShouldBe([
            (MessageAuthor.Contact, MessageContentType.Text), (MessageAuthor.Bot, MessageContentType.Text),
            (MessageAuthor.Contact, MessageContentType.Interactive), (MessageAuthor.Bot, MessageContentType.Text),
        ]);
        whatsAppMessages[0].Text.ShouldBe("Здравствуйте, можно записаться на завтра?");
        whatsAppMessages[0].ExternalMessageId.ShouldBe("wamid.HBgMOTk4OTAxMTEyMjMzFQIAEhggQjVBRjk0QkQ2MjQ1RjY2QjlEAA==");
        (whatsAppMessages[2].Text, whatsAppMessages[2].ContentData).ShouldBe(("Operator", """{"id":"talk_to_operator","title":"Operator"}"""));
        whatsAppMessages[3].Text.ShouldBe(ConversationFlow.HumanRequestedNotice);
        whatsAppMessages.Where(m => m.Author == MessageAuthor.Bot).ShouldAllBe(m => m.DeliveryStatus == DeliveryStatus.Pending);
        var conversation = await _factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().SingleAsync(c => c.Channel == Channel.WhatsApp));
        conversation.Status.ShouldBe(ConversationStatus.WaitingForHuman);
        (await _factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().SingleAsync(c => c.Channel == Channel.WhatsApp)))
            .DisplayName.ShouldBe("Aziz Rakhimov");

        var instagramMessages = await _factory.MessagesOfAsync(_botId, Channel.Instagram);
        instagramMessages.Select(m => m.Author).ShouldBe([MessageAuthor.Contact, MessageAuthor.Bot]);
        instagramMessages[0].Text.ShouldBe("Hi! Do you deliver to Samarkand?");
        (await _factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().SingleAsync(c => c.Channel == Channel.Instagram)))
            .ExternalId.ShouldBe("6543219876543210");
    }

    [Fact]
    public async Task A_delivery_status_moves_our_sent_message_forward_and_one_for_an_unknown_message_is_ignored()
    {
        var connection = await ConnectAsync(Channel.WhatsApp);
        (await _factory.PostFixtureAsync(Channel.WhatsApp, connection, "whatsapp_status_delivered.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _factory.ProcessInboxAsync();
        (await _factory.InboundEventsAsync()).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Kind.ShouldBe(InboundEventKind.Status),
            e => e.State.ShouldBe(InboundEventState.Ignored),
            e => e.Error.ShouldBe("No message of ours has this id."));

        var sent = await SeedSentWhatsAppMessageAsync("wamid.HBgMOTk4OTAxMTEyMjMzFQIAERgSQTFCMkMzRDRFNUY2QTdCOEM5AA==");
        await _factory.QueryDatabaseAsync(db => db.InboundEvents.IgnoreQueryFilters().ExecuteDeleteAsync());
        (await _factory.PostFixtureAsync(Channel.WhatsApp, connection, "whatsapp_status_delivered.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _factory.ProcessInboxAsync();

        (await _factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().SingleAsync(m => m.Id == sent)))
            .DeliveryStatus.ShouldBe(DeliveryStatus.Delivered);
        (await _factory.InboundEventsAsync()).ShouldHaveSingleItem().State.ShouldBe(InboundEventState.Processed);
    }

    [Fact]
    public async Task Forged_or_unsigned_webhooks_are_refused_and_store_nothing()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        var instagram = await ConnectAsync(Channel.Instagram);
        var update = ChannelTestData.Fixture("telegram_update_text.json");

        (await _factory.PostTelegramAsync(telegram, update, "tg-secret-Token_124")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _factory.PostTelegramAsync(telegram, update, secret: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        foreach (var (channel, connection, fixture) in new[]
                 {
                     (Channel.WhatsApp, whatsApp, "whatsapp_text_message.json"),
                     (Channel.WhatsApp, whatsApp, "whatsapp_status_delivered.json"),
                     (Channel.WhatsApp, whatsApp, "whatsapp_interactive_reply.json"),
                     (Channel.Instagram, instagram, "instagram_message.json"),
                 })
        {
            var body = ChannelTestData.Fixture(fixture);
            var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"from\"", "\"frm\"", StringComparison.Ordinal) + " ");
            (await _factory.PostMetaAsync(channel, connection, body, WebhookSecrets.Sign("not-the-app-secret", body))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await _factory.PostMetaAsync(channel, connection, tampered, ChannelTestData.SignatureOf(fixture))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await _factory.PostMetaAsync(channel, connection, body, "sha256=zz")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await _factory.PostMetaAsync(channel, connection, body, signature: null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await _factory.InboundEventsAsync()).ShouldBeEmpty();
        (await _factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().CountAsync(c => c.LastInboundAt != null))).ShouldBe(0);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read_and_stores_nothing()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        // Valid JSON with the right secret and signature: only its size is wrong.
        var text = new string('a', 300 * 1024);
        var huge = Encoding.UTF8.GetBytes("{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":1,\"type\":\"private\"},\"date\":1764000000,\"text\":\"" + text + "\"}}");

        (await _factory.PostTelegramAsync(telegram, huge, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await _factory.PostMetaAsync(Channel.WhatsApp, whatsApp, huge, WebhookSecrets.Sign(ChannelTestData.AppSecret, huge))).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        (await _factory.InboundEventsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_payload_delivered_five_times_and_five_more_at_once_is_one_message_with_one_answer()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        var whatsApp = await ConnectAsync(Channel.WhatsApp);

        for (var delivery = 0; delivery < 5; delivery++)
        {
            (await _factory.PostFixtureAsync(Channel.Telegram, telegram, "telegram_update_text.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await _factory.PostFixtureAsync(Channel.WhatsApp, whatsApp, "whatsapp_text_message.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await _factory.ProcessInboxAsync();
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).SelectMany(_ => new[]
        {
            _factory.PostFixtureAsync(Channel.Telegram, telegram, "telegram_update_text.json"),
            _factory.PostFixtureAsync(Channel.WhatsApp, whatsApp, "whatsapp_text_message.json"),
        }));
        concurrent.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        await Task.WhenAll(_factory.ProcessInboxAsync(), _factory.ProcessInboxAsync());

        (await _factory.InboundEventsAsync()).Count.ShouldBe(2);
        foreach (var channel in new[] { Channel.Telegram, Channel.WhatsApp })
        {
            var messages = await _factory.MessagesOfAsync(_botId, channel);
            messages.Select(m => (m.Author, m.DeliveryStatus)).ShouldBe([(MessageAuthor.Contact, DeliveryStatus.Delivered), (MessageAuthor.Bot, DeliveryStatus.Pending)]);
        }
    }

    [Fact]
    public async Task A_sustained_burst_of_webhooks_is_answered_200_each_and_stored_once_each()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        const int callers = 24, updatesEach = 25;

        // Callers keep posting while earlier ones are answered, so commits follow one another for as long as the
        // burst lasts, well after the calls that started them have ended.
        var answers = await Task.WhenAll(Enumerable.Range(0, callers).Select(async caller =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < updatesEach; i++)
            {
                var updateId = 900_000 + caller * updatesEach + i;
                using var response = await _factory.PostTelegramAsync(telegram, ChannelTestData.TelegramText(updateId, 5000 + caller, "Salom"), ChannelTestData.TelegramSecret);
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }));

        answers.SelectMany(a => a).ShouldAllBe(status => status == HttpStatusCode.OK);
        var stored = await _factory.InboundEventsAsync();
        stored.Count.ShouldBe(callers * updatesEach);
        stored.Select(e => e.ExternalId).Distinct().Count().ShouldBe(callers * updatesEach);
    }

    [Fact]
    public async Task A_crash_before_the_commit_leaves_the_event_pending_and_the_next_run_processes_it_once()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        (await _factory.PostFixtureAsync(Channel.Telegram, telegram, "telegram_update_text.json")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _factory.Crash.Armed = true;
        (await _factory.ProcessInboxAsync()).FailedAttempts.ShouldBe(1);
        (await _factory.InboundEventsAsync()).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.State.ShouldBe(InboundEventState.Pending),
            e => e.Attempts.ShouldBe(1),
            e => e.Error.ShouldBe("Simulated crash before the commit."));
        (await _factory.MessagesOfAsync(_botId, Channel.Telegram)).ShouldBeEmpty();
        (await _factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync(c => c.Channel == Channel.Telegram))).ShouldBe(0);

        (await _factory.ProcessInboxAsync()).Processed.ShouldBe(1);
        (await _factory.ProcessInboxAsync()).Processed.ShouldBe(0);
        (await _factory.InboundEventsAsync()).ShouldHaveSingleItem().State.ShouldBe(InboundEventState.Processed);
        (await _factory.MessagesOfAsync(_botId, Channel.Telegram)).Select(m => m.Author).ShouldBe([MessageAuthor.Contact, MessageAuthor.Bot]);
    }

    [Fact]
    public async Task A_batch_with_an_event_that_fails_processes_the_others_once_and_counts_an_attempt_for_that_one()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        // Two messages of one new customer and one of another: processed together, in one save.
        foreach (var (update, chat) in new[] { (500, 1), (501, 1), (502, 2) })
        {
            var body = Encoding.UTF8.GetBytes($$$"""{"update_id":{{{update}}},"message":{"message_id":{{{update}}},"chat":{"id":{{{chat}}},"type":"private"},"text":"Salom {{{update}}}"}}""");
            (await _factory.PostTelegramAsync(telegram, body, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        _factory.Crash.Poisoned = "501";
        (await _factory.ProcessInboxAsync()).ShouldBe(new(Processed: 2, Ignored: 0, FailedAttempts: 1));
        (await _factory.InboundEventsAsync()).OrderBy(e => e.ExternalId).Select(e => (e.ExternalId, e.State, e.Attempts)).ShouldBe([
            ("500", InboundEventState.Processed, 0), ("501", InboundEventState.Pending, 1), ("502", InboundEventState.Processed, 0)]);
        var messages = await _factory.MessagesOfAsync(_botId, Channel.Telegram);
        messages.Where(m => m.Author == MessageAuthor.Contact).Select(m => m.Text).Order().ShouldBe(["Salom 500", "Salom 502"]);
        messages.Count(m => m.Author == MessageAuthor.Bot).ShouldBe(2);

        _factory.Crash.Poisoned = null;
        (await _factory.ProcessInboxAsync()).Processed.ShouldBe(1);
        messages = await _factory.MessagesOfAsync(_botId, Channel.Telegram);
        messages.Where(m => m.Author == MessageAuthor.Contact).Select(m => m.Text).Order().ShouldBe(["Salom 500", "Salom 501", "Salom 502"]);
        messages.Count(m => m.Author == MessageAuthor.Bot).ShouldBe(3);
        (await _factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync(c => c.Channel == Channel.Telegram))).ShouldBe(2);
        (await _factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().CountAsync(c => c.Channel == Channel.Telegram))).ShouldBe(2);
    }

    [Fact]
    public async Task A_new_customers_messages_processed_together_are_one_contact_and_one_conversation()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        for (var update = 600; update < 605; update++)
        {
            var body = Encoding.UTF8.GetBytes($$$"""{"update_id":{{{update}}},"message":{"message_id":{{{update}}},"chat":{"id":7,"type":"private"},"text":"Salom {{{update}}}"}}""");
            (await _factory.PostTelegramAsync(telegram, body, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var saves = _factory.Crash.ProcessingSaves;
        (await _factory.ProcessInboxAsync()).ShouldBe(new(Processed: 5, Ignored: 0, FailedAttempts: 0));
        (_factory.Crash.ProcessingSaves - saves).ShouldBe(1);
        var messages = await _factory.MessagesOfAsync(_botId, Channel.Telegram);
        messages.Where(m => m.Author == MessageAuthor.Contact).Select(m => m.Text).Order().ShouldBe(Enumerable.Range(600, 5).Select(i => $"Salom {i}"));
        messages.Count(m => m.Author == MessageAuthor.Bot).ShouldBe(5);
        (await _factory.QueryDatabaseAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync(c => c.Channel == Channel.Telegram))).ShouldBe(1);
        (await _factory.QueryDatabaseAsync(db => db.Conversations.IgnoreQueryFilters().CountAsync(c => c.Channel == Channel.Telegram))).ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_disconnected_or_mismatched_connections_are_not_found()
    {
        var telegram = await ConnectAsync(Channel.Telegram);
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        var update = ChannelTestData.Fixture("telegram_update_text.json");
        var message = ChannelTestData.Fixture("whatsapp_text_message.json");
        var signature = ChannelTestData.SignatureOf("whatsapp_text_message.json");

        (await _factory.PostTelegramAsync(Guid.NewGuid(), update, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _factory.PostMetaAsync(Channel.WhatsApp, Guid.NewGuid(), message, signature)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _factory.PostMetaAsync(Channel.Instagram, whatsApp, message, signature)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _factory.PostTelegramAsync(whatsApp, update, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var http = _factory.CreateClient())
            (await http.PostAsync($"/webhooks/widget/{telegram}", new ByteArrayContent(update))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await _factory.PostTelegramAsync(telegram, update, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _factory.QueryDatabaseAsync(async db =>
        {
            var connection = await db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == telegram);
            connection.Disconnect(_factory.Time.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        // Disconnected by another instance: its secret stops verifying here once the cached copy expires.
        _factory.Time.Advance(WebhookConnectionCache.Lifetime);
        (await _factory.PostTelegramAsync(telegram, update, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _factory.InboundEventsAsync()).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Metas_handshake_gets_the_challenge_back_only_with_this_connections_verify_token()
    {
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        var instagram = await ConnectAsync(Channel.Instagram);
        using var http = _factory.CreateClient();

        foreach (var (channel, connection) in new[] { ("whatsapp", whatsApp), ("instagram", instagram) })
        {
            var url = $"/webhooks/{channel}/{connection}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";
            var accepted = await http.GetAsync(url + ChannelTestData.VerifyToken);
            accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
            accepted.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            (await accepted.Content.ReadAsStringAsync()).ShouldBe("1158201444");
            (await http.GetAsync(url + "wrong-token")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await http.GetAsync(url.Replace("subscribe", "unsubscribe", StringComparison.Ordinal) + ChannelTestData.VerifyToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await http.GetAsync($"/webhooks/{channel}/{connection}?hub.mode=subscribe&hub.challenge=1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await http.GetAsync($"/webhooks/whatsapp/{Guid.NewGuid()}?hub.mode=subscribe&hub.challenge=1&hub.verify_token={ChannelTestData.VerifyToken}"))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Authentic_but_unexpected_or_unparseable_bodies_are_acknowledged_and_kept_for_inspection()
    {
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        var telegram = await ConnectAsync(Channel.Telegram);
        var accountUpdate = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}""");
        var otherNumber = ChannelTestData.Fixture("whatsapp_text_message.json").AsSpan().ToArray();
        otherNumber = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(otherNumber).Replace(ChannelTestData.WhatsAppPhoneNumberId, "999", StringComparison.Ordinal));
        var malformed = Encoding.UTF8.GetBytes("""{"object":"whatsapp_business_account",""");
        var myChatMember = Encoding.UTF8.GetBytes("""{"update_id":817364600,"my_chat_member":{"chat":{"id":1}}}""");

        // A signed body that cannot be read is still answered 200: a refusal only makes the provider retry it for days.
        foreach (var body in new[] { accountUpdate, otherNumber, malformed })
            (await _factory.PostMetaAsync(Channel.WhatsApp, whatsApp, body, WebhookSecrets.Sign(ChannelTestData.AppSecret, body))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _factory.PostTelegramAsync(telegram, myChatMember, ChannelTestData.TelegramSecret)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _factory.ProcessInboxAsync();

        var events = await _factory.InboundEventsAsync();
        events.Count.ShouldBe(4);
        events.ShouldAllBe(e => e.State == InboundEventState.Ignored && e.Error != null);
        events.Count(e => e.Kind == InboundEventKind.Unsupported).ShouldBe(3);
        events.Select(e => e.Error).ShouldContain("Addressed to phone number id '999', not this connection's.");
        events.Single(e => e.Channel == Channel.Telegram).ExternalId.ShouldBe("817364600");
        var kept = events.Single(e => e.Kind == InboundEventKind.Malformed);
        kept.Error.ShouldBe("Not JSON.");
        ChannelTestData.RawBytesOf(kept).ShouldBe(malformed);
        (await _factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_signed_batch_with_an_entry_of_invalid_utf8_stores_the_valid_message_and_keeps_the_bad_part_as_its_bytes()
    {
        var whatsApp = await ConnectAsync(Channel.WhatsApp);
        var instagram = await ConnectAsync(Channel.Instagram);
        // A broken two-byte sequence and a stray byte in the middle of the text.
        byte[] invalidUtf8 = [0xC3, 0x28, 0xFF];
        var badMessage = Splice("""{"from":"998901112233","id":"wamid.BAD","timestamp":"1764000200","type":"text","text":{"body":"Sal~om"}}""", "~", invalidUtf8);
        var whatsAppBatch = Splice($$$"""
            {"object":"whatsapp_business_account","entry":[
            {"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"{{{ChannelTestData.WhatsAppPhoneNumberId}}}"},"messages":[~]}}]},
            {"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"{{{ChannelTestData.WhatsAppPhoneNumberId}}}"},
            "contacts":[{"profile":{"name":"Aziz"},"wa_id":"998901112233"}],
            "messages":[{"from":"998901112233","id":"wamid.GOOD","timestamp":"1764000201","type":"text","text":{"body":"Yetkazib berish bormi?"}}]}}]}]}
            """, "~", badMessage);
        var badItem = Splice("""{"sender":{"id":"6543219876543210"},"recipient":{"id":"17841400000000001"},"timestamp":1764000300000,"message":{"mid":"m.BAD","text":"Hi~!"}}""", "~", invalidUtf8);
        var instagramBatch = Splice("""
            {"object":"instagram","entry":[{"id":"17841400000000001","time":1764000300000,"messaging":[~,
            {"sender":{"id":"6543219876543210"},"recipient":{"id":"17841400000000001"},"timestamp":1764000301000,"message":{"mid":"m.GOOD","text":"Do you deliver?"}}]}]}
            """, "~", badItem);

        (await _factory.PostMetaAsync(Channel.WhatsApp, whatsApp, whatsAppBatch, WebhookSecrets.Sign(ChannelTestData.AppSecret, whatsAppBatch))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _factory.PostMetaAsync(Channel.Instagram, instagram, instagramBatch, WebhookSecrets.Sign(ChannelTestData.AppSecret, instagramBatch))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _factory.ProcessInboxAsync();

        (await _factory.MessagesOfAsync(_botId, Channel.WhatsApp)).Where(m => m.Author == MessageAuthor.Contact)
            .Select(m => (m.ExternalMessageId, m.Text)).ShouldBe([("wamid.GOOD", "Yetkazib berish bormi?")]);
        (await _factory.MessagesOfAsync(_botId, Channel.Instagram)).Where(m => m.Author == MessageAuthor.Contact)
            .Select(m => (m.ExternalMessageId, m.Text)).ShouldBe([("m.GOOD", "Do you deliver?")]);
        var kept = (await _factory.InboundEventsAsync()).Where(e => e.Kind == InboundEventKind.Malformed).OrderBy(e => e.Channel).ToList();
        kept.Select(e => (e.Channel, e.State, e.Error)).ShouldBe([
            (Channel.WhatsApp, InboundEventState.Ignored, "Text that is not valid UTF-8 or holds a lone surrogate."),
            (Channel.Instagram, InboundEventState.Ignored, "Text that is not valid UTF-8 or holds a lone surrogate."),
        ]);
        ChannelTestData.RawBytesOf(kept[0]).ShouldBe(badMessage);
        ChannelTestData.RawBytesOf(kept[1]).ShouldBe(badItem);
    }

    /// <summary>The JSON's UTF-8 with <paramref name="bytes"/> in place of <paramref name="marker"/>.</summary>
    private static byte[] Splice(string json, string marker, byte[] bytes)
    {
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[(at + marker.Length)..])];
    }

    private async Task<Guid> SeedSentWhatsAppMessageAsync(string wamid)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var bot = await db.Bots.IgnoreQueryFilters().SingleAsync(b => b.Id == _botId);
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(bot.TenantId);
        var now = _factory.Time.GetUtcNow();
        var contact = Contact.Create(bot.TenantId, Channel.WhatsApp, "998901112233", "Aziz Rakhimov");
        var conversation = Conversation.Start(bot, contact, now);
        var question = conversation.Receive("Salom", now, clientMessageId: null);
        var answer = conversation.ReplyAsBot("Assalomu alaykum!", now, confidence: null, knowledgeEntryId: null);
        answer.DeliverySucceeded(wamid);
        db.AddRange(contact, conversation, question, answer);
        await db.SaveChangesAsync();
        return answer.Id;
    }
}
