using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Channels.Load;

internal sealed record RunResult(string Title, int Sent, int Acknowledged, int Failed, TimeSpan Wall, double[] LatenciesMs, TimeSpan Cpu)
{
    /// <summary>Processor time of the whole process (client and app) as a share of all cores.</summary>
    public double CpuShare => Cpu / (Wall * Environment.ProcessorCount);

    public double AcknowledgedPerSecond => Acknowledged / Wall.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
            return double.NaN;
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}

/// <summary>Drives requests closed-loop (C callers back to back: the maximum rate) or open-loop (a fixed rate whatever the answers do).</summary>
internal sealed class LoadRunner(HttpClient http)
{
    /// <summary>Ids of the webhooks the app acknowledged with 200.</summary>
    public ConcurrentBag<string> Acknowledged { get; } = [];

    /// <summary>Why calls were not acknowledged (status code or exception), with counts: a failure must be explained.</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new();

    public async Task<RunResult> ClosedLoopAsync(string title, Func<Webhook> next, int concurrency, TimeSpan duration)
    {
        var latencies = new ConcurrentBag<double>();
        var sent = 0;
        var failed = 0;
        var cpu = CpuTime();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (wall.Elapsed < duration)
            {
                Interlocked.Increment(ref sent);
                var latency = await SendAsync(next());
                if (latency is { } ms)
                    latencies.Add(ms);
                else
                    Interlocked.Increment(ref failed);
            }
        }));
        wall.Stop();
        return new RunResult(title, sent, latencies.Count, failed, wall.Elapsed, [.. latencies], CpuTime() - cpu);
    }

    /// <summary>Starts request i at i / rate seconds (on 5 ms ticks), not waiting for earlier answers.</summary>
    public async Task<RunResult> OpenLoopAsync(string title, Func<Webhook> next, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var requests = new List<Task<double?>>(total);
        var cpu = CpuTime();
        var wall = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (requests.Count < total)
        {
            var due = Math.Min(total, (int)(wall.Elapsed.TotalSeconds * rate) + 1);
            while (requests.Count < due)
                requests.Add(SendAsync(next()));
            await ticks.WaitForNextTickAsync();
        }

        var results = await Task.WhenAll(requests);
        wall.Stop();
        var latencies = results.OfType<double>().ToArray();
        return new RunResult(title, total, latencies.Length, total - latencies.Length, wall.Elapsed, latencies, CpuTime() - cpu);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The time to the acknowledgement in milliseconds, or null when the app did not answer 200.</summary>
    private async Task<double?> SendAsync(Webhook webhook)
    {
        await Task.Yield(); // the open loop's ticker must not run the send itself
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = webhook.ToRequest();
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Failures.AddOrUpdate($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}", 1, (_, n) => n + 1);
                return null;
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (webhook.ExternalId.Length > 0)
                Acknowledged.Add(webhook.ExternalId);
            return elapsed;
        }
        catch (HttpRequestException exception)
        {
            Failures.AddOrUpdate(exception.Message, 1, (_, n) => n + 1);
            return null;
        }
    }
}
