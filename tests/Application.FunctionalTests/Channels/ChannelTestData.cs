using System.Net;
using System.Net.Http.Json;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Application.FunctionalTests.Channels;

/// <summary>The app with Telegram and Meta pointed at local fakes (started before the host, stopped after it).</summary>
public class ChannelsApiFactory : VirtuOpsApiFactory, IAsyncLifetime
{
    internal FakeTelegramServer Telegram { get; private set; } = null!;

    internal FakeGraphServer Graph { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Telegram = await FakeTelegramServer.StartAsync();
        Graph = await FakeGraphServer.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Telegram.DisposeAsync();
        await Graph.DisposeAsync();
    }

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Telegram:BaseUrl", Telegram.BaseUrl);
        builder.UseSetting("Meta:GraphBaseUrl", Graph.BaseUrl);
        // Retry reads at once, so no test waits for a backoff.
        builder.UseSetting("Telegram:RetryDelay", "00:00:00");
        builder.UseSetting("Meta:RetryDelay", "00:00:00");
    }
}

public static partial class ChannelTestData
{
    /// <summary>An agent of the owner's tenant, signed in.</summary>
    public static async Task<SpaClient> InviteAgentAsync(VirtuOpsApiFactory factory, SpaClient owner, string email)
    {
        (await owner.Http.PostAsJsonAsync("/api/team/invitations", new { fullName = "Malika Nazarova", email })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var query = QueryHelpers.ParseQuery((await owner.LatestLinkToAsync(email)).Query);
        var agent = new SpaClient(factory);
        (await agent.Http.PostAsJsonAsync("/api/auth/reset-password", new { userId = query["userId"].ToString(), token = query["token"].ToString(), newPassword = "Agent-parol-2026", acceptPrivacyPolicy = true }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await agent.SignInAsync(email, "Agent-parol-2026")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return agent;
    }
}
