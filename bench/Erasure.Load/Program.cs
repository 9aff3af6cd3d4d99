using System.Diagnostics;
using System.Globalization;
using Channels.Load;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Erasure.Commands.PurgeDueErasures;

namespace Erasure.Load;

/// <summary>
/// A load script: webhooks at a fixed rate against the running app, first alone (the baseline), then while the purge of
/// a tenant with a million messages runs in the same process, then alone again. Reports the acknowledgement latency of
/// the three, how long the purge took and the process's peak memory.
/// </summary>
internal static class ErasureLoad
{
    private const double TargetP99Ms = 50;
    private static readonly TimeSpan Chunk = TimeSpan.FromSeconds(10);

    public static async Task<int> Main(string[] args)
    {
        var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var baselineSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"Erasure under webhook load: {messages:N0} messages, {rate}/s webhooks, baseline {baselineSeconds} s, {Environment.ProcessorCount} cores"));

        await using var providers = await ProviderStandIn.StartAsync();
        await using var app = new LoadFactory(runProcessor: true, providers.BaseUrl);
        app.StartServer();
        var connections = await Seeder.SeedAsync(app.Services);
        var seeding = Stopwatch.StartNew();
        var tenantId = await ErasedTenant.SeedAsync(app.Services, messages, TimeSpan.FromDays(7));
        var seeded = await ErasedTenant.MessagesAsync(app.Services, tenantId);
        Console.WriteLine(string.Create(invariant, $"Seeded {seeded:N0} messages in {seeding.Elapsed.TotalSeconds:F0} s"));

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var webhooks = new Webhooks(connections);
        var runner = new LoadRunner(http);
        await runner.ClosedLoopAsync("warm-up", webhooks.BareCalls(), 8, TimeSpan.FromSeconds(2));
        await runner.ClosedLoopAsync("warm-up", webhooks.Next, 8, TimeSpan.FromSeconds(2));
        // The warm-up's backlog is answered first: the baseline is the steady rate alone, not the rate plus a drain.
        await Inbox.WaitUntilProcessedAsync(app.Services, TimeSpan.FromMinutes(5));

        using var memory = new PeakMemory();
        webhooks.Prepare(rate * baselineSeconds);
        var baseline = await runner.OpenLoopAsync("Webhooks alone (baseline)", webhooks.Next, rate, TimeSpan.FromSeconds(baselineSeconds));
        var managedBeforePurge = memory.PeakManagedBytes;
        Console.WriteLine(string.Create(invariant,
            $"  baseline: p50 {baseline.Percentile(0.50):F1} ms  p99 {baseline.Percentile(0.99):F1} ms  max {baseline.Percentile(1):F1} ms  failed {baseline.Failed}"));

        var purgeClock = Stopwatch.StartNew();
        var purge = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var purged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeDueErasuresCommand());
            purgeClock.Stop();
            return purged;
        });
        var during = new List<RunResult>();
        while (!purge.IsCompleted)
        {
            webhooks.Prepare((int)(rate * Chunk.TotalSeconds));
            var chunk = await runner.OpenLoopAsync("Webhooks during the purge", webhooks.Next, rate, Chunk);
            during.Add(chunk);
            // Progress as it goes: a purge of a million rows takes longer than one wants to wait for the summary.
            Console.WriteLine(string.Create(invariant,
                $"  {purgeClock.Elapsed.TotalSeconds,6:F0} s into the purge: p50 {chunk.Percentile(0.50):F1} ms  p99 {chunk.Percentile(0.99):F1} ms  max {chunk.Percentile(1):F1} ms  failed {chunk.Failed}"));
        }

        var purgedRequests = await purge;
        // The same rate alone again, on the database as the purge left it (larger inbox, freed pages): tells a slower
        // acknowledgement caused by the purge from one caused by the run's own growth.
        webhooks.Prepare(rate * baselineSeconds);
        var after = await runner.OpenLoopAsync("Webhooks alone (after)", webhooks.Next, rate, TimeSpan.FromSeconds(baselineSeconds));
        var duringPurge = new RunResult("Webhooks during the purge", during.Sum(r => r.Sent), during.Sum(r => r.Acknowledged), during.Sum(r => r.Failed),
            TimeSpan.FromTicks(during.Sum(r => r.Wall.Ticks)), [.. during.SelectMany(r => r.LatenciesMs)], TimeSpan.FromTicks(during.Sum(r => r.Cpu.Ticks)));

        foreach (var run in new[] { baseline, duringPurge, after })
        {
            Console.WriteLine(string.Create(invariant,
                $"{run.Title,-28} sent {run.Sent,7}  acked {run.Acknowledged,7}  failed {run.Failed,4}  p50 {run.Percentile(0.50),6:F1} ms  p99 {run.Percentile(0.99),6:F1} ms  max {run.Percentile(1),7:F1} ms  cpu {run.CpuShare:P0}"));
        }

        foreach (var (reason, count) in runner.Failures)
            Console.WriteLine(string.Create(invariant, $"  not acknowledged ({count}): {reason}"));

        var left = await ErasedTenant.MessagesAsync(app.Services, tenantId);
        Console.WriteLine(string.Create(invariant,
            $"Purge: {purgedRequests} erasure, {messages:N0} messages in {purgeClock.Elapsed.TotalSeconds:F1} s ({messages / purgeClock.Elapsed.TotalSeconds:N0} messages/s); {left} left"));
        Console.WriteLine(string.Create(invariant,
            $"Peak memory: managed {memory.PeakManagedBytes / 1048576.0:F0} MB (before the purge {managedBeforePurge / 1048576.0:F0} MB), process working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB"));
        var p99 = duringPurge.Percentile(0.99);
        var ok = true;
        ok &= Check(string.Create(invariant, $"p99 ack during the purge: {p99:F1} ms (target < {TargetP99Ms} ms; baseline {baseline.Percentile(0.99):F1} ms, ratio {p99 / baseline.Percentile(0.99):F2})"), p99 < TargetP99Ms);
        ok &= Check(string.Create(invariant,
                $"every webhook acknowledged: {baseline.Acknowledged + duringPurge.Acknowledged + after.Acknowledged}/{baseline.Sent + duringPurge.Sent + after.Sent}"),
            baseline.Failed + duringPurge.Failed + after.Failed == 0);
        ok &= Check("every message of the erased tenant deleted", left == 0);
        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }

    private static bool Check(string what, bool ok)
    {
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
        return ok;
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
