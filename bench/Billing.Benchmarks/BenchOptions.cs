using System.Globalization;

namespace Billing.Benchmarks;

/// <summary>The command line: <c>--subscriptions N --latency-ms L --concurrency C [--skip-baseline] [--payouts]</c> (with <c>--payouts</c>, N is the number of payouts).</summary>
internal sealed record BenchOptions(int Subscriptions, int LatencyMs, int Concurrency, bool SkipBaseline, bool Payouts = false)
{
    public const string Usage = "Usage: dotnet run -c Release --project bench/Billing.Benchmarks -- [--subscriptions 10000] [--latency-ms 20] [--concurrency 32] [--skip-baseline] [--payouts]";

    public static BenchOptions? Parse(string[] args)
    {
        var options = new BenchOptions(10_000, 20, 32, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--subscriptions" when i + 1 < args.Length && Positive(args[++i]) is { } n:
                    options = options with { Subscriptions = n };
                    break;
                case "--latency-ms" when i + 1 < args.Length && Positive(args[++i]) is { } l:
                    options = options with { LatencyMs = l };
                    break;
                case "--concurrency" when i + 1 < args.Length && Positive(args[++i]) is { } c:
                    options = options with { Concurrency = c };
                    break;
                case "--skip-baseline":
                    options = options with { SkipBaseline = true };
                    break;
                case "--payouts":
                    options = options with { Payouts = true };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
