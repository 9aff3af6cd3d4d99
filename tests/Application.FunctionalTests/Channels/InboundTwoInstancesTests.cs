using System.Net;
using System.Text;
using Application.FunctionalTests.Bots;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Channels;

/// <summary>An app on a given database file, so two instances can share one (as two servers share a database).</summary>
internal sealed class SharedDatabaseApiFactory(string databasePath) : VirtuOpsApiFactory(databasePath);

public sealed class InboundTwoInstancesTests
{
    [Fact]
    public async Task Two_instances_receiving_the_same_webhooks_at_once_store_each_event_once_and_acknowledge_every_call()
    {
        await using var first = new SharedDatabaseApiFactory(Path.Combine(Path.GetTempPath(), $"virtuops-ft-{Guid.NewGuid():N}.db"));
        using var owner = new SpaClient(first);
        await owner.RegisterVerifiedOwnerAsync("two-instances@example.uz", "+998901000710");
        var bot = await BotTestData.CreateBotAsync(owner, "Ikki server");
        var telegram = await ChannelTestData.ConnectAsync(first, bot.Id, Channel.Telegram);
        // Disposed before the first instance, which deletes the file last.
        await using var second = new SharedDatabaseApiFactory(first.DatabasePath) { KeepDatabase = true };

        // Each instance has its own group-commit writer, so the same event can reach the database from both at once:
        // then the unique index refuses the later insert and that instance stores its batch one by one instead.
        var updates = Enumerable.Range(0, 20)
            .Select(i => Encoding.UTF8.GetBytes($$$"""{"update_id":{{{900 + i}}},"message":{"message_id":{{{i}}},"chat":{"id":{{{100 + i}}},"type":"private"},"text":"Salom {{{i}}}"}}"""))
            .ToList();
        var calls = updates.SelectMany(update => new[] { first, second, first, second }
            .Select(app => app.PostTelegramAsync(telegram, update, ChannelTestData.TelegramSecret)));
        (await Task.WhenAll(calls)).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);

        var events = await first.InboundEventsAsync();
        events.Select(e => e.ExternalId).Order().ShouldBe(Enumerable.Range(900, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order());
        await first.ProcessInboxAsync();
        await second.ProcessInboxAsync();
        (await first.MessagesOfAsync(bot.Id, Channel.Telegram)).Count(m => m.Direction == MessageDirection.Inbound).ShouldBe(20);
    }
}
