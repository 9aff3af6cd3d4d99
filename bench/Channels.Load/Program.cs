using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Domain.Channels;
using VirtuOps.Infrastructure.Data;

namespace Channels.Load;

/// <summary>A load script, not BenchmarkDotNet: signed webhooks over real HTTP against the real app, then a check of the inbox.</summary>
internal static class ChannelsLoad
{
    private const double TargetP99Ms = 50;
    private const double TargetRatio = 0.25;

    public static async Task<int> Main(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (options is null)
        {
            Console.WriteLine(LoadOptions.Usage);
            return 2;
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant,
            $"Channel webhooks load: {options.Rate}/s for {options.Seconds} s open loop, {options.Concurrency} callers for {options.ClosedSeconds} s closed loop in {options.Rounds} rounds, processor {(options.RunProcessor ? "on" : "off")}, {Environment.ProcessorCount} cores"));

        await using var providers = await ProviderStandIn.StartAsync();
        await using var app = new LoadFactory(options.RunProcessor, providers.BaseUrl);
        app.StartServer(); // Kestrel on the loopback port; migrates the fresh SQLite file
        var connections = await Seeder.SeedAsync(app.Services);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var webhooks = new Webhooks(connections);
        var bareCalls = webhooks.BareCalls();
        var runner = new LoadRunner(http);
        var closed = TimeSpan.FromSeconds(options.ClosedSeconds);
        var open = TimeSpan.FromSeconds(options.Seconds);

        // Warm-up (JIT, connection pools, SQLite page cache); not reported.
        await runner.ClosedLoopAsync("warm-up", bareCalls, options.Concurrency, TimeSpan.FromSeconds(2));
        await runner.ClosedLoopAsync("warm-up", webhooks.Next, options.Concurrency, TimeSpan.FromSeconds(2));
        await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromSeconds(60));

        var bareOpen = await runner.OpenLoopAsync("Bare endpoint, fixed rate", bareCalls, options.Rate, open);
        webhooks.Prepare(options.Rate * options.Seconds);
        var webhookOpen = await runner.OpenLoopAsync("Webhooks, fixed rate", webhooks.Next, options.Rate, open);

        // The maximum rate in rounds, each a bare run then a webhook run: on this machine identical single runs gave
        // ratios from 0.19 to 0.35, so the ratio checked is the median of the rounds' ratios. Each round starts with the
        // inbox processed, as the first did: otherwise the bare run would share the machine with the processor catching
        // up on the last round's webhooks, while webhook runs have it give way, and the ratio would flatter them.
        var rounds = new List<(RunResult Bare, RunResult Webhooks)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromMinutes(5));
            var bare = await runner.ClosedLoopAsync($"Bare endpoint, max rate, {round}", bareCalls, options.Concurrency, closed);
            webhooks.Prepare(30_000 * options.ClosedSeconds); // more than the app acknowledges in that time on this machine
            rounds.Add((bare, await runner.ClosedLoopAsync($"Webhooks, max rate, {round}", webhooks.Next, options.Concurrency, closed)));
        }

        foreach (var run in new[] { bareOpen, webhookOpen }.Concat(rounds.SelectMany(r => new[] { r.Bare, r.Webhooks })))
        {
            Console.WriteLine(string.Create(invariant,
                $"{run.Title,-28} sent {run.Sent,7}  acked {run.Acknowledged,7}  failed {run.Failed,4}  {run.AcknowledgedPerSecond,8:F0}/s  p50 {run.Percentile(0.50),6:F1} ms  p99 {run.Percentile(0.99),6:F1} ms  max {run.Percentile(1),7:F1} ms  cpu {run.CpuShare:P0}"));
        }

        foreach (var (reason, count) in runner.Failures)
            Console.WriteLine(string.Create(invariant, $"  not acknowledged ({count}): {reason}"));

        var ratios = rounds.Select(r => r.Webhooks.AcknowledgedPerSecond / r.Bare.AcknowledgedPerSecond).ToList();
        var ratio = Median(ratios);
        Console.WriteLine(string.Create(invariant, $"Max-rate ratio by round: {string.Join(", ", ratios.Select(r => r.ToString("F2", invariant)))}"));
        var p99 = webhookOpen.Percentile(0.99);
        var ok = true;
        ok &= Check(string.Create(invariant, $"p99 ack at {options.Rate}/s: {p99:F1} ms (target < {TargetP99Ms} ms)"), p99 < TargetP99Ms);
        ok &= Check(string.Create(invariant, $"max-rate throughput vs bare, median of {ratios.Count} rounds: {ratio:F2} (target >= {TargetRatio})"), ratio >= TargetRatio);
        ok &= Check(string.Create(invariant, $"every fixed-rate webhook acknowledged: {webhookOpen.Acknowledged}/{webhookOpen.Sent}"), webhookOpen.Failed == 0);

        // Every acknowledged webhook is in the inbox, once.
        var acknowledged = runner.Acknowledged.ToList();
        var stored = await StoredIdsAsync(app.Services);
        var missing = acknowledged.Count(id => !stored.Contains(id));
        ok &= Check(string.Create(invariant, $"acknowledged webhooks stored: {acknowledged.Count - missing}/{acknowledged.Count}"), missing == 0);
        ok &= Check(string.Create(invariant, $"acknowledged ids distinct, stored once each (unique index): {acknowledged.Distinct().Count()}/{acknowledged.Count}"),
            acknowledged.Distinct().Count() == acknowledged.Count);

        if (options.RunProcessor)
        {
            var drain = Stopwatch.StartNew();
            var pending = await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromMinutes(5));
            var drained = drain.Elapsed;
            var processed = await ProcessedAsync(app.Services);
            Console.WriteLine(string.Create(invariant,
                $"Processor: backlog after the load drained in {drained.TotalSeconds:F1} s; {pending} still pending; {processed} processed in all"));
        }

        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static bool Check(string what, bool ok)
    {
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
        return ok;
    }

    private static async Task<HashSet<string>> StoredIdsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return [.. await db.InboundEvents.IgnoreQueryFilters().Select(e => e.ExternalId).ToListAsync()];
    }

    private static async Task<int> ProcessedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.InboundEvents.IgnoreQueryFilters().CountAsync(e => e.State == InboundEventState.Processed);
    }
}
