using System.Diagnostics;
using System.Globalization;
using System.Net;
using Channels.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Webhooks;
using VirtuOps.Infrastructure.Data;

namespace Webhooks.Load;

/// <summary>
/// A load script: signed channel webhooks at a fixed rate against the running app (bench/Channels.Load's set-up, with
/// the processor answering), in alternating rounds without and with an outgoing webhook subscription (every event type)
/// pointing at a local receiver. Reports the inbound acknowledgement p99 of both, the extra p99 the outbox adds, how
/// fast queued events reach the receiver, and the process's peak memory.
/// </summary>
internal static class WebhooksLoad
{
    private const double TargetExtraP99Ms = 5;

    public static async Task<int> Main(string[] args)
    {
        var rate = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"Outgoing webhooks under inbound load: {rate}/s, {rounds} rounds of {seconds} s each way, {Environment.ProcessorCount} cores"));

        await using var receiver = await Receiver.StartAsync();
        await using var providers = await ProviderStandIn.StartAsync();
        await using var app = new LoadFactory(runProcessor: true, providers.BaseUrl);
        app.StartServer();
        var connections = await Seeder.SeedAsync(app.Services);
        var subscriptionId = await SubscribeAsync(app.Services, receiver.Url);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var webhooks = new Channels.Load.Webhooks(connections);
        var runner = new LoadRunner(http);
        await SetEnabledAsync(app.Services, subscriptionId, false);
        await runner.ClosedLoopAsync("warm-up", webhooks.Next, 8, TimeSpan.FromSeconds(2));
        await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromMinutes(5));

        using var memory = new PeakMemory();
        var without = new List<RunResult>();
        var with = new List<RunResult>();
        var drains = new List<(int Events, TimeSpan Took)>();
        for (var round = 1; round <= rounds; round++)
        {
            await SetEnabledAsync(app.Services, subscriptionId, false);
            webhooks.Prepare(rate * seconds);
            without.Add(await Report(runner.OpenLoopAsync($"round {round}: no subscription", webhooks.Next, rate, TimeSpan.FromSeconds(seconds))));
            await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromMinutes(5));

            await SetEnabledAsync(app.Services, subscriptionId, true);
            var receivedBefore = receiver.Count;
            var started = Stopwatch.StartNew();
            webhooks.Prepare(rate * seconds);
            with.Add(await Report(runner.OpenLoopAsync($"round {round}: subscribed", webhooks.Next, rate, TimeSpan.FromSeconds(seconds))));
            await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromMinutes(5));
            await WaitUntilDeliveredAsync(app.Services, TimeSpan.FromMinutes(5));
            drains.Add((receiver.Count - receivedBefore, started.Elapsed));
            Console.WriteLine(string.Create(invariant,
                $"  delivered {receiver.Count - receivedBefore:N0} events in {started.Elapsed.TotalSeconds:F1} s since the round started ({(receiver.Count - receivedBefore) / started.Elapsed.TotalSeconds:N0}/s)"));
        }

        // Throughput alone: a backlog of events (as many as the subscribed rounds raised, across 500 conversations) queued
        // in one save while no webhook arrives, then drained. A disabled subscription queues nothing, so the backlog is
        // written directly, as the outbox would.
        var backlog = Math.Max(drains.Sum(d => d.Events), 1_000);
        var beforeDrain = receiver.Count;
        await QueueBacklogAsync(app.Services, subscriptionId, backlog);
        var drain = Stopwatch.StartNew();
        await WaitUntilDeliveredAsync(app.Services, TimeSpan.FromMinutes(10));
        drain.Stop();
        var drained = receiver.Count - beforeDrain;

        var p99Without = Merge("no subscription", without).Percentile(0.99);
        var p99With = Merge("subscribed", with).Percentile(0.99);
        foreach (var run in new[] { Merge("no subscription", without), Merge("subscribed", with) })
            Console.WriteLine(string.Create(invariant,
                $"{run.Title,-18} sent {run.Sent,7}  acked {run.Acknowledged,7}  failed {run.Failed,4}  p50 {run.Percentile(0.50),6:F1} ms  p99 {run.Percentile(0.99),6:F1} ms  max {run.Percentile(1),7:F1} ms  cpu {run.CpuShare:P0}"));
        Console.WriteLine(string.Create(invariant,
            $"Per round p99 (ms), without / with: {string.Join("  ", without.Zip(with, (a, b) => $"{a.Percentile(0.99):F1} / {b.Percentile(0.99):F1}"))}"));
        Console.WriteLine(string.Create(invariant,
            $"Backlog drain: {drained:N0} of {backlog:N0} queued events in {drain.Elapsed.TotalSeconds:F1} s = {drained / drain.Elapsed.TotalSeconds:N0} events/s to one local receiver"));
        Console.WriteLine(string.Create(invariant,
            $"Peak memory: managed {memory.PeakManagedBytes / 1048576.0:F0} MB, process working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB"));
        var extra = p99With - p99Without;
        var ok = Check(string.Create(invariant, $"extra p99 with the outbox: {extra:F1} ms (target < {TargetExtraP99Ms} ms; ratio {p99With / p99Without:F2})"), extra < TargetExtraP99Ms);
        ok &= Check($"every queued event delivered: {drained}/{backlog}", drained >= backlog);
        ok &= Check($"no event delivered twice: {receiver.Repeats} repeats of {receiver.Count:N0} deliveries", receiver.Repeats == 0);
        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;

        static async Task<RunResult> Report(Task<RunResult> running)
        {
            var run = await running;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {run.Title}: p50 {run.Percentile(0.50):F1} ms  p99 {run.Percentile(0.99):F1} ms  max {run.Percentile(1):F1} ms  failed {run.Failed}"));
            return run;
        }
    }

    private static RunResult Merge(string title, List<RunResult> runs) =>
        new(title, runs.Sum(r => r.Sent), runs.Sum(r => r.Acknowledged), runs.Sum(r => r.Failed), TimeSpan.FromTicks(runs.Sum(r => r.Wall.Ticks)),
            [.. runs.SelectMany(r => r.LatenciesMs)], TimeSpan.FromTicks(runs.Sum(r => r.Cpu.Ticks)));

    private static bool Check(string what, bool ok)
    {
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
        return ok;
    }

    private static async Task<Guid> SubscribeAsync(IServiceProvider services, string url)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenantId = await db.Tenants.Select(t => t.Id).SingleAsync();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenantId);
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var subscription = WebhookSubscription.Create(url, WebhookEventTypes.All, "bench", id => protector.Protect("whsec_bench", id.ToString()));
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return subscription.Id;
    }

    /// <summary>Off: no events are queued for it (the baseline) and nothing is sent. On: both.</summary>
    private static async Task SetEnabledAsync(IServiceProvider services, Guid subscriptionId, bool enabled)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var subscription = await db.WebhookSubscriptions.IgnoreQueryFilters().SingleAsync(s => s.Id == subscriptionId);
        if (enabled)
            subscription.Enable();
        else
            subscription.Disable("bench", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<VirtuOps.Application.Webhooks.Common.IWebhookDeliverySignal>().EventsQueued();
    }

    private static async Task QueueBacklogAsync(IServiceProvider services, Guid subscriptionId, int events)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var subscription = await db.WebhookSubscriptions.IgnoreQueryFilters().SingleAsync(s => s.Id == subscriptionId);
        var conversations = Enumerable.Range(0, 500).Select(_ => Guid.CreateVersion7()).ToArray();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < events; i++)
        {
            var eventId = Guid.CreateVersion7();
            var payload = string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"{{{eventId}}}","type":"message.received","createdAt":"{{{now:O}}}","tenantId":"{{{subscription.TenantId}}}","data":{"text":"Salom! Yetkazib berish narxi qancha?"}}""");
            db.WebhookDeliveries.Add(WebhookDelivery.Queue(subscription, eventId, WebhookEventTypes.MessageReceived, conversations[i % conversations.Length],
                now.UtcTicks + i, payload, now));
        }

        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<VirtuOps.Application.Webhooks.Common.IWebhookDeliverySignal>().EventsQueued();
    }

    private static async Task<int> PendingAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().WebhookDeliveries.IgnoreQueryFilters()
            .CountAsync(d => d.Status == WebhookDeliveryStatus.Pending);
    }

    private static async Task WaitUntilDeliveredAsync(IServiceProvider services, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (await PendingAsync(services) > 0 && waited.Elapsed < limit)
            await Task.Delay(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The integrator's endpoint on loopback: answers 200 at once, counts, and tells repeats by the event id.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _eventIds = new();
        private int _count;
        private int _repeats;

        private Receiver(WebApplication app) => _app = app;

        public string Url { get; private set; } = string.Empty;

        public int Count => Volatile.Read(ref _count);

        public int Repeats => Volatile.Read(ref _repeats);

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.Run(async context =>
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref receiver._count);
                if (!receiver._eventIds.TryAdd(context.Request.Headers["X-VirtuOps-Event-Id"].ToString(), 0))
                    Interlocked.Increment(ref receiver._repeats);
                context.Response.StatusCode = 200;
            });
            await app.StartAsync();
            receiver.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/hooks";
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Samples the managed heap every 50 ms; the process's peak working set comes from the OS.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakMemory() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

        public long PeakManagedBytes
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(forceFullCollection: false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }
}
