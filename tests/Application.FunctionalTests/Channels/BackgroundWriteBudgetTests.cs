using System.Diagnostics;
using Application.FunctionalTests.Bots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Channels.Inbound.Common;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Channels;

/// <summary>
/// Background writes (the processor's, the delivery worker's) share the database writer with the webhook commits. One
/// that kept webhooks waiting holds back the next for as long as it took per webhook, up to nine times: under a
/// saturating burst they otherwise got the writer whenever a commit had just answered every caller, and held it
/// 20–30 % of the time.
/// </summary>
public sealed class BackgroundWriteBudgetTests
{
    [Fact]
    public async Task After_a_background_write_that_kept_webhooks_waiting_the_next_one_gives_way_as_long_per_webhook()
    {
        await using var factory = new VirtuOpsApiFactory();
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("budget@example.uz", "+998901000715");
        var bot = await BotTestData.CreateBotAsync(owner, "Navbat boti");
        var connectionId = await ChannelTestData.ConnectAsync(factory, bot.Id, Channel.Telegram);
        var connection = await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == connectionId));
        var store = factory.Services.GetRequiredService<IInboundEventStore>();
        var writer = factory.Services.GetRequiredService<IDatabaseWriter>();
        var held = TimeSpan.FromMilliseconds(40);

        Task[] webhooks = [];
        Stopwatch? sinceWrite = null;
        await writer.RunExclusiveAsync(async () =>
        {
            // Queued before each call returns, while the write holds the writer: the three webhooks wait for it.
            webhooks = [.. Enumerable.Range(1, 3).Select(update => store.StoreAsync(connectionId,
                [InboundEvent.Receive(connection, $"update-{update}", InboundEventKind.Message, $$"""{"update_id":{{update}}}""", factory.Time.GetUtcNow())],
                CancellationToken.None))];
            await Task.Delay(held); // how long the write takes, as a processor's save of a big batch would
            sinceWrite = Stopwatch.StartNew();
            return 0;
        }, CancellationToken.None);
        await Task.WhenAll(webhooks);

        await store.GiveWayToWebhooksAsync(CancellationToken.None);

        // No webhook is in flight any more, yet the next background write waits three times as long as this one took,
        // counted from its end (less the timers' millisecond rounding).
        sinceWrite!.Elapsed.ShouldBeGreaterThanOrEqualTo(held * 3 - TimeSpan.FromMilliseconds(10));
        (await factory.QueryDatabaseAsync(db => db.InboundEvents.IgnoreQueryFilters().CountAsync(e => e.ExternalId.StartsWith("update-")))).ShouldBe(3);
    }
}
