using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace AnswerEngine.Benchmarks;

/// <summary>
/// Measures single calls, so the percentiles are those of one customer's question rather than of averaged batches:
/// one invocation per iteration, many iterations, outliers kept (they are the tail being measured), and no forced
/// GC between iterations, so collections land in the figures as they would in production. The long warm-up lets
/// tiered JIT finish; BenchmarkDotNet's own pilot stage is skipped when the invocation count is fixed.
/// </summary>
public sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddJob(Job.Default
            .WithId("Latency")
            .WithLaunchCount(1)
            .WithWarmupCount(3000)
            .WithIterationCount(3000)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcForce(false)
            .WithOutlierMode(OutlierMode.DontRemove));
        AddColumn(
            StatisticColumn.Median,
            StatisticColumn.P95,
            new DerivedColumn("P99", "Percentile 99: 99% of calls took less", UnitType.Time, (summary, benchmark, style) =>
                Time(Statistics(summary, benchmark)?.Percentiles.Percentile(99), style)),
            StatisticColumn.Max,
            new DerivedColumn("Median ratio", "Median of this row / median of the baseline row with the same parameters", UnitType.Dimensionless, MedianRatio));
        HideColumns(Column.Error, Column.StdDev, Column.Ratio, Column.RatioSD);
    }

    private static Statistics? Statistics(Summary summary, BenchmarkCase benchmark) => summary[benchmark]?.ResultStatistics;

    private static string Time(double? nanoseconds, SummaryStyle style)
    {
        if (nanoseconds is not { } value)
            return "NA";
        // The summary's unit, so this column reads like the Mean and P95 beside it.
        var unit = style.TimeUnit ?? TimeUnit.GetBestTimeUnit(value);
        return $"{TimeInterval.FromNanoseconds(value).ToUnit(unit).ToString("N1", style.CultureInfo)} {unit.AbbreviationAscii}";
    }

    // The paired "Ratio" column divides iteration by iteration, which single-call iterations make noise; medians don't.
    private static string MedianRatio(Summary summary, BenchmarkCase benchmark, SummaryStyle style)
    {
        var baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmark));
        var median = Statistics(summary, benchmark)?.Median;
        var baselineMedian = baseline is null ? null : Statistics(summary, baseline)?.Median;
        return median is { } m && baselineMedian is { } b && b > 0 ? (m / b).ToString("N2", style.CultureInfo) : "NA";
    }

    private sealed class DerivedColumn(string name, string legend, UnitType unitType, Func<Summary, BenchmarkCase, SummaryStyle, string> value) : IColumn
    {
        public string Id => name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 100;
        public bool IsNumeric => true;
        public UnitType UnitType => unitType;
        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => value(summary, benchmarkCase, style);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
