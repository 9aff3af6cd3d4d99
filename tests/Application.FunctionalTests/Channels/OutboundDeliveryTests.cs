using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Application.Inbox.Queries.GetConversation;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Channels;

/// <summary>Agent replies on Telegram, WhatsApp and Instagram go out through the outbox, against local fakes of the providers.</summary>
public sealed class OutboundDeliveryTests : IAsyncLifetime
{
    private const string TelegramChat = "5550001";
    private const string WhatsAppCustomer = "998901112233";
    private const string InstagramCustomer = "6543210987654321";

    private FakeTelegramServer _telegram = null!;
    private FakeGraphServer _graph = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _graph = await FakeGraphServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        await _graph.DisposeAsync();
    }

    /// <summary>A first process: an agent's replies to a WhatsApp customer are stored, <paramref name="beforeDeath"/> runs, the process stops.</summary>
    private async Task<(string DatabasePath, List<MessageDto> Replies)> RepliesStoredByAProcessThatDiesAsync(string[] texts,
        Func<DeliveryApp, List<MessageDto>, Task>? beforeDeath = null)
    {
        await using var first = new DeliveryApp(_telegram, _graph, runWorker: false) { KeepDatabase = true };
        var (agent, botId) = await first.OwnerWithBotAsync();
        var conversationId = await first.CustomerWroteAsync(botId, Channel.WhatsApp, WhatsAppCustomer);
        var replies = new List<MessageDto>();
        foreach (var text in texts)
            replies.Add(await DeliveryApp.ReplyAsync(agent, conversationId, text));
        if (beforeDeath is not null)
            await beforeDeath(first, replies);
        return (first.DatabasePath, replies);
    }

    [Fact]
    public async Task A_reply_the_provider_refuses_three_times_arrives_once_and_before_the_replies_queued_after_it()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var conversationId = await app.CustomerWroteAsync(botId, Channel.Telegram, TelegramChat);
        _telegram.RateLimitNext(1, retryAfterSeconds: 3, method: "sendMessage");
        _telegram.FailNext(2, HttpStatusCode.BadGateway, method: "sendMessage");

        var first = await DeliveryApp.ReplyAsync(agent, conversationId, "Buyurtmangiz yo‘lda.");
        await DeliveryApp.ReplyAsync(agent, conversationId, "Ertaga yetib boradi.");
        await DeliveryApp.ReplyAsync(agent, conversationId, "Yana savol bormi?");

        await app.DeliverDueAsync(); // 429, retry_after 3 s
        var waiting = (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!;
        waiting.Conversation.Channel.ShouldBe(Channel.Telegram);
        waiting.Messages.Single(m => m.Id == first.Id).ShouldSatisfyAllConditions(
            m => m.DeliveryStatus.ShouldBe(DeliveryStatus.Pending),
            m => m.DeliveryError.ShouldNotBeNull().ShouldContain("retry after 3"));

        app.Time.Advance(TimeSpan.FromSeconds(2));
        await app.DeliverDueAsync();
        _telegram.RequestsFor("sendMessage").Count.ShouldBe(1, "retry_after is honoured, and the later replies wait behind the first");
        var queued = await app.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => m.ConversationId == conversationId && m.DeliveryStatus == DeliveryStatus.Pending && m.Id != first.Id).ToListAsync());
        queued.Count.ShouldBe(2);
        queued.ShouldAllBe(m => m.NextDeliveryAt == null, "queued behind the first, they are parked: the scan reads due heads, not the backlog");

        app.Time.Advance(TimeSpan.FromSeconds(1));
        await app.DeliverDueAsync(); // 502; the next try within the 4 s backoff step
        app.Time.Advance(TimeSpan.FromSeconds(4));
        await app.DeliverDueAsync(); // 502; within 8 s
        app.Time.Advance(TimeSpan.FromSeconds(8));
        await app.DeliverDueAsync(); // sent; the second reply is paced a second behind it
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await app.DeliverDueAsync();
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await app.DeliverDueAsync();

        _telegram.Sent.Select(s => (s.ChatId, s.Text)).ShouldBe(
        [
            (TelegramChat, "Buyurtmangiz yo‘lda."), (TelegramChat, "Ertaga yetib boradi."), (TelegramChat, "Yana savol bormi?"),
        ]);
        _telegram.RequestsFor("sendMessage").Count.ShouldBe(6);
        var delivered = (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!;
        delivered.Messages.Where(m => m.Direction == MessageDirection.Outbound).ShouldAllBe(m => m.DeliveryStatus == DeliveryStatus.Sent && m.DeliveryError == null);
        var sentFirst = await app.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().SingleAsync(m => m.Id == first.Id));
        (sentFirst.DeliveryAttempts, sentFirst.ExternalMessageId).ShouldBe((3, _telegram.Sent[0].MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Bot_answers_queued_while_an_earlier_answer_waits_for_a_retry_go_out_after_it_in_order()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (owner, botId) = await app.OwnerWithBotAsync();
        using var _ = owner;
        var conversationId = await app.CustomerWroteAsync(botId, Channel.Telegram, TelegramChat);
        var connectionId = await app.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters()
            .Where(c => c.BotId == botId && c.Channel == Channel.Telegram).Select(c => c.Id).SingleAsync());
        async Task CustomerAsksAsync(int updateId, string question) =>
            (await app.PostTelegramAsync(connectionId, ChannelTestData.TelegramText(updateId, long.Parse(TelegramChat, System.Globalization.CultureInfo.InvariantCulture), question),
                "hook-secret")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _telegram.FailNext(1, HttpStatusCode.BadGateway, method: "sendMessage");
        await CustomerAsksAsync(1, "Yetkazib berish bormi?");
        await app.ProcessInboxAsync();
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await app.DeliverDueAsync(); // 502: the first answer waits for its retry

        await CustomerAsksAsync(2, "Ish vaqtingiz qanday?");
        await CustomerAsksAsync(3, "Qanday to‘lov usullari bor?");
        await app.ProcessInboxAsync();
        var answers = await app.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Bot).OrderBy(m => m.SentAt).ToListAsync());
        answers.Count.ShouldBe(3);
        answers.Skip(1).ShouldAllBe(m => m.DeliveryStatus == DeliveryStatus.Pending && m.NextDeliveryAt == null,
            "stored already waiting behind the first answer, so no scan reads them until it has gone");

        for (var second = 0; second < 10; second++)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            await app.DeliverDueAsync();
        }

        _telegram.Sent.Select(s => s.Text).ShouldBe(answers.Select(m => m.Text));
        _telegram.RequestsFor("sendMessage").Count.ShouldBe(4);
    }

    [Fact]
    public async Task A_queue_left_without_a_due_first_message_by_a_crash_moves_again_when_the_worker_starts()
    {
        var (databasePath, replies) = await RepliesStoredByAProcessThatDiesAsync(["Bir", "Ikki"], async (first, stored) =>
        {
            // The process dies after saving the first reply as sent, before letting the parked second one go.
            await first.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.Id == stored[0].Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DeliveryStatus, DeliveryStatus.Sent).SetProperty(m => m.NextDeliveryAt, (DateTimeOffset?)null)));
            await first.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.Id == stored[1].Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextDeliveryAt, (DateTimeOffset?)null)));
            (await first.DeliverOnceAsync()).NextDueAt.ShouldBeNull("nothing is due: the second reply is stranded");
        });

        await using var restarted = new DeliveryApp(_telegram, _graph, runWorker: true, databasePath);
        _ = restarted.Services; // starts the host, and with it the worker, which repairs the queues first

        await restarted.Updates.WaitForStatusAsync(replies[1].Id, DeliveryStatus.Sent);
        _graph.Sent.Select(s => (s.To, s.Text)).ShouldBe([(WhatsAppCustomer, "Ikki")]);
    }

    [Fact]
    public async Task Two_replies_to_one_Telegram_chat_go_out_at_least_a_second_and_at_most_two_apart()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var conversationId = await app.CustomerWroteAsync(botId, Channel.Telegram, TelegramChat);
        var otherChat = await app.CustomerWroteAsync(botId, Channel.Telegram, "5550002");
        await DeliveryApp.ReplyAsync(agent, conversationId, "Birinchi");
        await DeliveryApp.ReplyAsync(agent, conversationId, "Ikkinchi");
        await DeliveryApp.ReplyAsync(agent, otherChat, "Boshqa chat");

        await app.DeliverDueAsync();
        _telegram.Sent.Select(s => s.Text).ShouldBe(["Birinchi", "Boshqa chat"], ignoreOrder: true, "another chat is not held back");

        app.Time.Advance(TimeSpan.FromMilliseconds(999));
        await app.DeliverDueAsync();
        _telegram.Sent.Count.ShouldBe(2);

        // Put off to a whole second after the pass that found it too early, so it may wait up to a second more.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await app.DeliverDueAsync();
        _telegram.Sent.Where(s => s.ChatId == TelegramChat).Select(s => s.Text).ShouldBe(["Birinchi", "Ikkinchi"]);
        var second = await app.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().SingleAsync(m => m.Text == "Ikkinchi"));
        second.DeliveryAttempts.ShouldBe(0, "pacing is not a failed attempt");
    }

    [Fact]
    public async Task Replies_pending_when_the_process_died_are_delivered_after_restart_once_each_and_in_order()
    {
        // The process dies with the replies stored (Pending), none sent.
        var (databasePath, replies) = await RepliesStoredByAProcessThatDiesAsync(["Bir", "Ikki", "Uch"]);

        _graph.Sent.ShouldBeEmpty();
        await using var restarted = new DeliveryApp(_telegram, _graph, runWorker: true, databasePath);
        _ = restarted.Services; // starts the host, and with it the worker

        foreach (var reply in replies)
            await restarted.Updates.WaitForStatusAsync(reply.Id, DeliveryStatus.Sent);
        await restarted.DeliverDueAsync(); // a further pass finds nothing left to send

        _graph.Sent.Select(s => (s.To, s.Text)).ShouldBe([(WhatsAppCustomer, "Bir"), (WhatsAppCustomer, "Ikki"), (WhatsAppCustomer, "Uch")]);
        var stored = await restarted.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.Direction == MessageDirection.Outbound).ToListAsync());
        stored.ShouldAllBe(m => m.DeliveryStatus == DeliveryStatus.Sent);
        stored.Select(m => m.ExternalMessageId).ShouldBe(_graph.Sent.Select(s => s.MessageId), ignoreOrder: true);
    }

    [Fact]
    public async Task A_reply_Meta_rejects_is_dead_lettered_with_the_error_shown_and_is_delivered_when_retried()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var conversationId = await app.CustomerWroteAsync(botId, Channel.WhatsApp, WhatsAppCustomer);
        _graph.CloseWindow(WhatsAppCustomer); // Meta's view of the window differs from ours
        var reply = await DeliveryApp.ReplyAsync(agent, conversationId, "Kechirasiz, kechikdik.");

        await app.DeliverDueAsync();

        var failed = (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!.Messages.Single(m => m.Id == reply.Id);
        failed.DeliveryStatus.ShouldBe(DeliveryStatus.Failed);
        failed.DeliveryError.ShouldNotBeNull().ShouldContain("131047");
        _graph.Requests.Count(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ShouldBe(1, "a rejection is not retried");
        app.Updates.MessageUpdates[^1].ShouldBe(failed);

        _graph.OpenWindow(WhatsAppCustomer); // the customer wrote again
        var retry = await agent.Http.PostAsync($"/api/inbox/messages/{reply.Id}/retry", null);
        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.Content.ReadFromJsonAsync<MessageDto>(SpaClient.Json))!.DeliveryStatus.ShouldBe(DeliveryStatus.Pending);
        await app.DeliverDueAsync();

        _graph.Sent.ShouldHaveSingleItem().Text.ShouldBe("Kechirasiz, kechikdik.");
        var delivered = (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!.Messages.Single(m => m.Id == reply.Id);
        (delivered.DeliveryStatus, delivered.DeliveryError).ShouldBe((DeliveryStatus.Sent, null));

        var again = await agent.Http.PostAsync($"/api/inbox/messages/{reply.Id}/retry", null);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail.ShouldBe("Only a failed outgoing message can be retried.");
    }

    [Fact]
    public async Task A_WhatsApp_reply_within_24_hours_is_sent_as_Graph_expects_and_one_after_them_is_refused_and_not_stored()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: true);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var conversationId = await app.CustomerWroteAsync(botId, Channel.WhatsApp, WhatsAppCustomer, customerWroteAgo: TimeSpan.FromHours(23));

        var reply = await DeliveryApp.ReplyAsync(agent, conversationId, "Salom! Buyurtmangiz tayyor.");
        await app.Updates.WaitForStatusAsync(reply.Id, DeliveryStatus.Sent);

        var send = _graph.Requests.ShouldHaveSingleItem();
        (send.HttpMethod, send.Path, send.AccessToken).ShouldBe(("POST", $"/{FakeGraphServer.PhoneNumberId}/messages", FakeGraphServer.WhatsAppToken));
        JsonNode.DeepEquals(send.Body, JsonNode.Parse($$$"""
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"{{{WhatsAppCustomer}}}","type":"text","text":{"body":"Salom! Buyurtmangiz tayyor."}}
            """)).ShouldBeTrue(send.Body!.ToJsonString());
        (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!.Messages.Single(m => m.Id == reply.Id)
            .DeliveryStatus.ShouldBe(DeliveryStatus.Sent);

        app.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var late = await agent.Http.PostAsJsonAsync($"/api/inbox/conversations/{conversationId}/replies", new { text = "Hali ham kutyapsizmi?" });

        late.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await late.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail.ShouldNotBeNull().ShouldContain("within 24 hours of the customer's last message");
        var messages = (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!.Messages;
        messages.Select(m => m.Text).ShouldBe(["Salom, buyurtma qayerda?", "Salom! Buyurtmangiz tayyor."]);
        _graph.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_agent_answers_on_Instagram_with_the_HUMAN_AGENT_tag_days_after_the_customer_wrote()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: true);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var conversationId = await app.CustomerWroteAsync(botId, Channel.Instagram, InstagramCustomer, customerWroteAgo: TimeSpan.FromDays(3));
        _graph.CloseWindow(InstagramCustomer); // past 24 hours only a person, tagged, may answer

        var reply = await DeliveryApp.ReplyAsync(agent, conversationId, "Uzr, kech javob berdim.");
        await app.Updates.WaitForStatusAsync(reply.Id, DeliveryStatus.Sent);

        var sent = _graph.Sent.ShouldHaveSingleItem();
        (sent.Channel, sent.AccountId, sent.To, sent.Tag).ShouldBe(("instagram", FakeGraphServer.InstagramAccountId, InstagramCustomer, "HUMAN_AGENT"));
        var body = _graph.Requests.Single().Body!;
        ((string?)body["messaging_type"], (string?)body["recipient"]?["id"], (string?)body["message"]?["text"])
            .ShouldBe(("MESSAGE_TAG", InstagramCustomer, "Uzr, kech javob berdim."));
        (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!.Conversation.Channel.ShouldBe(Channel.Instagram);
    }

    [Fact]
    public async Task A_reply_on_a_channel_disconnected_meanwhile_fails_with_a_clear_error()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var conversationId = await app.CustomerWroteAsync(botId, Channel.Telegram, TelegramChat);
        var reply = await DeliveryApp.ReplyAsync(agent, conversationId, "Javob");
        await app.QueryDatabaseAsync(async db =>
        {
            var connection = await db.ChannelConnections.IgnoreQueryFilters().SingleAsync();
            connection.Disconnect(app.Time.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        await app.DeliverDueAsync();

        var failed = (await agent.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!.Messages.Single(m => m.Id == reply.Id);
        (failed.DeliveryStatus, failed.DeliveryError).ShouldBe((DeliveryStatus.Failed, "Telegram is not connected to this bot. Connect it again, then retry the message."));
        _telegram.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_delivery_passes_running_at_once_send_each_reply_once()
    {
        await using var app = new DeliveryApp(_telegram, _graph, runWorker: false);
        var (agent, botId) = await app.OwnerWithBotAsync();
        var replies = new List<MessageDto>();
        for (var i = 0; i < 6; i++)
        {
            var conversationId = await app.CustomerWroteAsync(botId, Channel.WhatsApp, $"99890111220{i}");
            replies.Add(await DeliveryApp.ReplyAsync(agent, conversationId, $"Javob {i}"));
        }

        _graph.DelayNext(6, TimeSpan.FromMilliseconds(100), operation: "send"); // both passes see the same due rows
        await Task.WhenAll(app.DeliverOnceAsync(), app.DeliverOnceAsync());

        _graph.Sent.Select(s => s.Text).ShouldBe(replies.Select(r => r.Text), ignoreOrder: true);
        var stored = await app.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters().Where(m => m.Direction == MessageDirection.Outbound).ToListAsync());
        stored.ShouldAllBe(m => m.DeliveryStatus == DeliveryStatus.Sent);
    }
}
