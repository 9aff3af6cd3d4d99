using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Bots.Common;

namespace Application.FunctionalTests.Channels;

/// <summary>Room for many bots but few channels, so racing connections meet the channel limit.</summary>
public sealed class ChannelLimitApiFactory : ChannelsApiFactory
{
    public const int MaxChannels = 3;

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        // Sign-up's trial is of the default plan (Biznes, the second configured), so its limits are the ones met.
        builder.UseSetting("Billing:Plans:1:MaxBots", "20");
        builder.UseSetting("Billing:Plans:1:MaxChannels", MaxChannels.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ChannelLimitRaceTests(ChannelLimitApiFactory factory) : IClassFixture<ChannelLimitApiFactory>
{
    [Fact]
    public async Task Twenty_channels_connected_at_once_stop_exactly_at_the_plan_limit()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("channel-race@example.uz", "+998901000314");
        var connects = new List<(Guid BotId, string Token)>();
        for (var i = 0; i < 20; i++)
        {
            var created = await owner.Http.PostAsJsonAsync("/api/bots", new { name = $"Race bot {i}" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            var bot = (await created.Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
            var telegramId = 7200000000L + i;
            var token = FormattableString.Invariant($"{telegramId}:AAH{i:D4}_fakeTokenForFunctionalTests");
            factory.Telegram.AddBot(token, telegramId, $"race_{i}_bot");
            connects.Add((bot.Id, token));
        }

        var responses = await Task.WhenAll(connects.Select(c =>
            owner.Http.PostAsJsonAsync($"/api/bots/{c.BotId}/channels/telegram", new { botToken = c.Token })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(ChannelLimitApiFactory.MaxChannels);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail.ShouldBe("Your plan allows 3 connected channels.");
        }
        (await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().CountAsync(c => c.DisconnectedAt == null)))
            .ShouldBe(ChannelLimitApiFactory.MaxChannels);
        factory.Telegram.RequestsFor("setWebhook").Count.ShouldBe(ChannelLimitApiFactory.MaxChannels, "a refused connection never takes the bot's webhook");
    }
}
