using System.Collections.Concurrent;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VirtuOps.Application.Channels.Common;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Channels;

/// <summary>
/// The app sending through the real Telegram and Graph adapters to local fakes (which outlive app restarts). The
/// background worker runs only when asked; otherwise the test runs delivery passes itself, at moments it picks on
/// its clock. Live updates are recorded, so a test can await "this message was sent" instead of sleeping.
/// </summary>
internal sealed class DeliveryApp(FakeTelegramServer telegram, FakeGraphServer graph, bool runWorker, string? databasePath = null)
    : VirtuOpsApiFactory(databasePath ?? Path.Combine(Path.GetTempPath(), $"virtuops-ft-{Guid.NewGuid():N}.db"))
{
    public RecordingNotifier Updates { get; } = new();

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Telegram:BaseUrl", telegram.BaseUrl);
        builder.UseSetting("Meta:GraphBaseUrl", graph.BaseUrl);
        builder.UseSetting("Channels:Delivery:RunWorker", runWorker.ToString());
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IConversationNotifier>(Updates)));
    }

    /// <summary>One pass of the delivery worker, now.</summary>
    public async Task<DeliveryRunSummary> DeliverOnceAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboundDelivery>().DeliverDueAsync(CancellationToken.None);
    }

    /// <summary>Passes until nothing more is due at the current (fake) time.</summary>
    public async Task DeliverDueAsync()
    {
        for (var pass = 0; pass < 50; pass++)
        {
            var run = await DeliverOnceAsync();
            if (run.NextDueAt is not { } next || next > Time.GetUtcNow())
                return;
        }

        throw new InvalidOperationException("Delivery kept finding due messages after 50 passes.");
    }

    /// <summary>A signed-in owner with a bot: the owner answers as an agent.</summary>
    public async Task<(SpaClient Owner, Guid BotId)> OwnerWithBotAsync()
    {
        var owner = new SpaClient(this);
        await owner.RegisterVerifiedOwnerAsync("owner@example.uz", "+998901000700");
        return (owner, (await BotTestData.CreateBotAsync(owner)).Id);
    }

    /// <summary>
    /// What the inbound side leaves behind: the bot's live connection to the channel (credentials sealed by the app's
    /// own protector, pointing at the fake's account) and a customer who wrote <paramref name="customerWroteAgo"/> (a minute
    /// unless given: a reply in the very instant of the customer's message is stamped a millisecond later, not yet due).
    /// </summary>
    public async Task<Guid> CustomerWroteAsync(Guid botId, Channel channel, string customerId, TimeSpan? customerWroteAgo = null)
    {
        var wroteAt = Time.GetUtcNow() - (customerWroteAgo ?? TimeSpan.FromMinutes(1));
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var bot = await db.Bots.IgnoreQueryFilters().SingleAsync(b => b.Id == botId);
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(bot.TenantId);
        var now = Time.GetUtcNow();

        if (!await db.ChannelConnections.AnyAsync(c => c.BotId == botId && c.Channel == channel && c.DisconnectedAt == null))
        {
            var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
            var (account, token) = channel switch
            {
                Channel.Telegram => (FakeTelegramServer.BotId.ToString(System.Globalization.CultureInfo.InvariantCulture), FakeTelegramServer.BotToken),
                Channel.WhatsApp => (FakeGraphServer.PhoneNumberId, FakeGraphServer.WhatsAppToken),
                _ => (FakeGraphServer.InstagramAccountId, FakeGraphServer.InstagramToken),
            };
            db.ChannelConnections.Add(ChannelConnection.Connect(bot, channel, account, "Test", null,
                id => protector.ProtectCredentials(new ChannelCredentials(token, AppSecret: "app-secret", WebhookSecret: "hook-secret"), id), now));
        }

        var contact = Contact.Create(bot.TenantId, channel, customerId, "Mijoz");
        var conversation = Conversation.Start(bot, contact, wroteAt);
        var received = conversation.Receive("Salom, buyurtma qayerda?", wroteAt, clientMessageId: null);
        db.AddRange(contact, conversation, received);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    public static async Task<MessageDto> ReplyAsync(SpaClient agent, Guid conversationId, string text)
    {
        var response = await agent.Http.PostAsJsonAsync($"/api/inbox/conversations/{conversationId}/replies", new { text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MessageDto>(SpaClient.Json))!;
    }
}

/// <summary>Records the inbox's live updates, and lets a test await one.</summary>
internal sealed class RecordingNotifier : IConversationNotifier
{
    private readonly ConcurrentQueue<MessageDto> _updates = new();
    private readonly ConcurrentQueue<MessageDto> _added = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<MessageDto, bool> Match, TaskCompletionSource Done)> _waiters = [];
    private readonly List<(Func<MessageDto, bool> Match, TaskCompletionSource<MessageDto> Done)> _addedWaiters = [];

    /// <summary>Every messageUpdated event, in order.</summary>
    public IReadOnlyList<MessageDto> MessageUpdates => [.. _updates];

    public Task MessagesAddedAsync(Guid tenantId, ConversationSummaryDto conversation, IReadOnlyList<MessageDto> messages, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var message in messages)
            {
                _added.Enqueue(message);
                foreach (var waiter in _addedWaiters.Where(w => w.Match(message)).ToList())
                {
                    waiter.Done.TrySetResult(message);
                    _addedWaiters.Remove(waiter);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes with the first added message that matches (now or earlier).</summary>
    public async Task<MessageDto> WaitForAddedAsync(Func<MessageDto, bool> match)
    {
        var done = new TaskCompletionSource<MessageDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_added.FirstOrDefault(match) is { } earlier)
                return earlier;
            _addedWaiters.Add((match, done));
        }

        return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task ConversationChangedAsync(Guid tenantId, ConversationSummaryDto conversation, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task MessageUpdatedAsync(Guid tenantId, MessageDto message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _updates.Enqueue(message);
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes when the message has been reported in <paramref name="status"/> (now or earlier).</summary>
    public async Task WaitForStatusAsync(Guid messageId, DeliveryStatus status)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_updates.Any(m => m.Id == messageId && m.DeliveryStatus == status))
                return;
            _waiters.Add((m => m.Id == messageId && m.DeliveryStatus == status, done));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
