using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Channels;

/// <summary>The whole way, with both background workers running: connect, a customer writes (Telegram redelivers), the bot answers once.</summary>
public sealed class TelegramEndToEndTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private LiveWorkersApp _app = null!;

    private sealed class LiveWorkersApp(FakeTelegramServer telegram) : VirtuOpsApiFactory
    {
        public RecordingNotifier Live { get; } = new();

        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("Telegram:BaseUrl", telegram.BaseUrl);
            builder.UseSetting("Channels:Inbound:RunProcessor", "true");
            builder.UseSetting("Channels:Delivery:RunWorker", "true");
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IConversationNotifier>(Live)));
        }
    }

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _app = new LiveWorkersApp(_telegram);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _telegram.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_message_redelivered_five_times_gets_one_answer_in_the_customers_chat()
    {
        using var owner = new SpaClient(_app);
        await owner.RegisterVerifiedOwnerAsync("e2e@example.uz", "+998901000711");
        var bot = await BotTestData.CreateBotAsync(owner, "Yetkazib berish boti");
        var connected = await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/channels/telegram", new { botToken = FakeTelegramServer.BotToken });
        connected.StatusCode.ShouldBe(HttpStatusCode.Created);
        var connectionId = (await connected.Content.ReadFromJsonAsync<ChannelConnectionDto>(SpaClient.Json))!.Id;
        // Telegram echoes the secret we registered with setWebhook on every update.
        var webhook = _telegram.WebhookOf(FakeTelegramServer.BotToken).ShouldNotBeNull();
        webhook.Url.ShouldEndWith($"/webhooks/telegram/{connectionId}");

        var update = ChannelTestData.Fixture("telegram_update_text.json");
        for (var delivery = 0; delivery < 5; delivery++)
            (await _app.PostTelegramAsync(connectionId, update, webhook.SecretToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The processor answers off the request path (live inbox event); the reply is due a moment after the
        // question on the app's clock, so the delivery worker sends it once that moment has come.
        var answer = await _app.Live.WaitForAddedAsync(m => m.Author == MessageAuthor.Bot);
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        await _app.Live.WaitForStatusAsync(answer.Id, DeliveryStatus.Sent);

        var sent = _telegram.Sent.ShouldHaveSingleItem();
        (sent.ChatId, sent.Text).ShouldBe(("5012345678", answer.Text));
        var messages = await _app.MessagesOfAsync(bot.Id, Channel.Telegram);
        messages.Single(m => m.Direction == MessageDirection.Inbound).Text.ShouldBe("Salom! Yetkazib berish narxi qancha?");
        messages.Single(m => m.Author == MessageAuthor.Bot).Id.ShouldBe(answer.Id);

        // Nothing more is due later: the redeliveries were stored once and the answer was sent once.
        _app.Time.Advance(TimeSpan.FromMinutes(10));
        using var scope = _app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<OutboundDelivery>().DeliverDueAsync(CancellationToken.None)).NextDueAt.ShouldBeNull();
        (await _app.MessagesOfAsync(bot.Id, Channel.Telegram)).Count.ShouldBe(2);
        _telegram.Sent.Count.ShouldBe(1);
    }
}
