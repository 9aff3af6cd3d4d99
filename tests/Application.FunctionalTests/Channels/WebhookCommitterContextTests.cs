using System.Collections.Concurrent;
using System.Net;
using Application.FunctionalTests.Bots;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Channels;

/// <summary>
/// The webhook committer is started by one webhook's request and goes on committing other requests' webhooks after
/// that request has ended, so it must not run in that request's execution context (a load run once answered 31
/// webhooks with 500 when a commit read a finished request's <see cref="HttpContext"/>).
/// </summary>
public sealed class WebhookCommitterContextTests
{
    private sealed class RecordingFactory : VirtuOpsApiFactory
    {
        public HttpContextSeenBySaves Seen { get; } = new();

        protected override void ConfigureSettings(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<ISaveChangesInterceptor>(sp =>
            {
                Seen.Accessor = sp.GetRequiredService<IHttpContextAccessor>();
                return Seen;
            }));
    }

    /// <summary>For each save that notes a connection's inbound activity (the committer's), whether a request's HttpContext was visible.</summary>
    private sealed class HttpContextSeenBySaves : SaveChangesInterceptor
    {
        public IHttpContextAccessor? Accessor { get; set; }

        public ConcurrentQueue<bool> InboundActivitySaves { get; } = new();

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<ChannelConnection>().Any(e => e.State == EntityState.Modified && e.Property(c => c.LastInboundAt).IsModified))
                InboundActivitySaves.Enqueue(Accessor?.HttpContext is not null);
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    [Fact]
    public async Task A_webhook_is_committed_outside_the_request_that_started_the_committer()
    {
        await using var factory = new RecordingFactory();
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("committer@example.uz", "+998901000714");
        var bot = await BotTestData.CreateBotAsync(owner, "Kommit boti");
        var connection = await ChannelTestData.ConnectAsync(factory, bot.Id, Channel.Telegram);

        (await factory.PostFixtureAsync(Channel.Telegram, connection, "telegram_update_text.json")).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.Seen.InboundActivitySaves.ToList().ShouldBe([false], "the commit saw no request: it runs on the committer's own context");
    }
}
