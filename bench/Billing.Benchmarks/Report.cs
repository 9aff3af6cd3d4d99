using System.Globalization;

namespace Billing.Benchmarks;

internal static class Report
{
    /// <summary>One measured run: the ideal is N x 2 x latency / concurrency (every slot always waiting on one of the two calls of a charge).</summary>
    public static void Print(string title, BenchOptions options, TimeSpan wall, TimeSpan ideal) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"""
            {title}
              N {options.Subscriptions}, latency {options.LatencyMs} ms, concurrency {options.Concurrency}
              wall {wall.TotalSeconds:F2} s, ideal {ideal.TotalSeconds:F2} s, ratio {ideal / wall:F2} (target >= 0.80), {options.Subscriptions / wall.TotalSeconds:F0} per second
            """));

    /// <summary>Paylov calls per endpoint, e.g. "POST /merchant/receipts/pay/ x10000".</summary>
    public static string Calls(IEnumerable<Infrastructure.IntegrationTests.Paylov.PaylovRequest> requests) =>
        string.Join(", ", requests.GroupBy(r => $"{r.Method} {r.Path}").Select(g => $"{g.Key} x{g.Count()}"));

    public static bool Check(string what, int actual, int expected)
    {
        var ok = actual == expected;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(ok ? "ok  " : "FAIL")} {what}: {actual} (expected {expected})"));
        return ok;
    }
}
