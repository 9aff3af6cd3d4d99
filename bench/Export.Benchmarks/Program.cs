using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Privacy.Exports.Commands.BuildPendingDataExports;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;
using VirtuOps.Infrastructure.Data;

namespace Export.Benchmarks;

/// <summary>
/// A load script, not BenchmarkDotNet: the owner's export of one tenant with a million messages, with two baselines in the
/// same run: the same export when the tenant had a tenth of the messages, and a bare read of all the messages with the
/// export's own paging (no zip, no JSON, no CSV).
/// </summary>
internal static class ExportBench
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        // dotnet run -c Release --project bench/Export.Benchmarks -- 1000000 100000 2000
        var messages = args.Length > 0 ? int.Parse(args[0], Invariant) : 1_000_000;
        var baselineMessages = args.Length > 1 ? int.Parse(args[1], Invariant) : messages / 10;
        var conversations = args.Length > 2 ? int.Parse(args[2], Invariant) : 2_000;
        Console.WriteLine(string.Create(Invariant,
            $"Data export: {messages:N0} messages ({baselineMessages:N0} for the baseline) in {conversations:N0} conversations, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}"));

        await using var app = new ExportBenchFactory();
        var services = app.Services; // starts the host: migrates the fresh SQLite file
        var connectionString = $"Data Source={app.DatabasePath}";

        var seeding = Stopwatch.StartNew();
        var tenant = await Seeder.SeedTenantAsync(services, conversations);
        // A small export first, not measured: JIT and EF's query compilation would otherwise count against the baseline.
        await Seeder.AddMessagesAsync(connectionString, tenant, 1_000);
        await MeasureExportAsync(services, tenant, 1_000, "Warm-up: export of 1,000 messages (not compared)");
        await Seeder.AddMessagesAsync(connectionString, tenant, baselineMessages);
        Console.WriteLine(string.Create(Invariant, $"Seeded {baselineMessages:N0} messages in {seeding.Elapsed.TotalSeconds:F1} s (not measured)"));

        var ok = true;
        var small = await MeasureExportAsync(services, tenant, baselineMessages, $"Export of {baselineMessages:N0} messages (baseline)");
        ok &= Check("messages.csv rows (baseline)", small.MessageRows, baselineMessages);

        seeding.Restart();
        await Seeder.AddMessagesAsync(connectionString, tenant, messages);
        Console.WriteLine(string.Create(Invariant, $"Seeded up to {messages:N0} messages in {seeding.Elapsed.TotalSeconds:F1} s (not measured)"));

        var read = await MeasureAsync($"Bare read of {messages:N0} messages (baseline: the export's paging, nothing written)",
            () => ReadAllMessagesAsync(services, tenant.TenantId));
        ok &= Check("messages read (baseline)", read.Rows, messages);

        var large = await MeasureExportAsync(services, tenant, messages, $"Export of {messages:N0} messages");
        ok &= Check("messages.csv rows", large.MessageRows, messages);

        Console.WriteLine();
        Console.WriteLine(string.Create(Invariant, $"Export {messages:N0} ÷ bare read {messages:N0}: {large.Elapsed / read.Elapsed:F2}×"));
        Console.WriteLine(string.Create(Invariant,
            $"Export {messages:N0} ÷ export {baselineMessages:N0}: {large.Elapsed / small.Elapsed:F2}× time for {(double)messages / baselineMessages:F0}× the messages; peak heap {(double)large.PeakTotalMemory / small.PeakTotalMemory:F2}×"));
        Console.WriteLine(string.Create(Invariant, $"Zip: {large.ZipBytes / 1048576.0:F1} MB; process peak working set {MemorySampler.PeakWorkingSet() / 1048576.0:F0} MB"));
        ok &= Check("peak managed memory of the 1M export ≤ 200 MB", large.PeakTotalMemory <= 200L * 1024 * 1024 ? 1 : 0, 1);
        Console.WriteLine(ok ? "All checks passed." : "SOME CHECKS FAILED.");
        return ok ? 0 : 1;
    }

    private sealed record Measured(TimeSpan Elapsed, long PeakTotalMemory, long PeakHeapAfterGc, long Rows);

    private sealed record ExportMeasured(TimeSpan Elapsed, long PeakTotalMemory, long MessageRows, long ZipBytes);

    private static async Task<Measured> MeasureAsync(string name, Func<Task<long>> run, long? messages = null)
    {
        long rows;
        TimeSpan elapsed;
        long startHeap = GC.GetTotalMemory(forceFullCollection: true);
        using (var sampler = MemorySampler.Start())
        {
            var watch = Stopwatch.StartNew();
            rows = await run();
            elapsed = watch.Elapsed;
            sampler.Dispose();
            Console.WriteLine();
            Console.WriteLine(name);
            Console.WriteLine(string.Create(Invariant,
                $"  {elapsed.TotalSeconds:F2} s, {(messages ?? rows) / elapsed.TotalSeconds:N0} messages/s; managed heap at start {Mb(startHeap)}, peak {Mb(sampler.PeakTotalMemory)} (GC.GetTotalMemory, {sampler.Samples:N0} samples), peak after a GC {Mb(sampler.PeakHeapAfterGc)}"));
            return new Measured(elapsed, sampler.PeakTotalMemory, sampler.PeakHeapAfterGc, rows);
        }
    }

    private static async Task<ExportMeasured> MeasureExportAsync(IServiceProvider services, BenchTenant tenant, long messages, string name)
    {
        Guid exportId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenant.TenantId);
            var export = DataExport.Request(tenant.OwnerId, DataExportScope.Tenant, UserLanguage.Uz, DateTimeOffset.UtcNow, privacyRequestId: null);
            db.DataExports.Add(export);
            await db.SaveChangesAsync();
            exportId = export.Id;
        }

        var measured = await MeasureAsync(name, async () =>
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildPendingDataExportsCommand());
        }, messages);

        await using (var scope = services.CreateAsyncScope())
        {
            var export = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().DataExports.IgnoreQueryFilters().SingleAsync(e => e.Id == exportId);
            if (export.Status != DataExportStatus.Ready)
                throw new InvalidOperationException($"The export ended {export.Status}.");
            var rows = await CountCsvRowsAsync(services, exportId, "messages.csv");
            Console.WriteLine(string.Create(Invariant, $"  zip {export.SizeBytes / 1048576.0:F1} MB"));
            return new ExportMeasured(measured.Elapsed, measured.PeakTotalMemory, rows, export.SizeBytes!.Value);
        }
    }

    /// <summary>The export's paging without the export: pages of the same size, in the same order, thrown away.</summary>
    private static async Task<long> ReadAllMessagesAsync(IServiceProvider services, Guid tenantId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        long rows = 0;
        Guid? after = null;
        while (true)
        {
            var query = db.Messages.IgnoreQueryFilters().AsNoTracking().Where(m => m.TenantId == tenantId);
            if (after is { } last)
                query = query.Where(m => m.Id.CompareTo(last) > 0);
            var page = await query.OrderBy(m => m.Id).Take(1000).ToListAsync();
            rows += page.Count;
            if (page.Count < 1000)
                return rows;
            after = page[^1].Id;
        }
    }

    private static async Task<long> CountCsvRowsAsync(IServiceProvider services, Guid exportId, string entryName)
    {
        var files = services.GetRequiredService<VirtuOps.Application.Privacy.Exports.Common.IDataExportFiles>();
        await using var zip = files.OpenRead(exportId) ?? throw new InvalidOperationException("The zip is missing.");
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.GetEntry(entryName)!.Open());
        long lines = 0;
        while (await reader.ReadLineAsync() is not null)
            lines++;
        return lines - 1; // the header
    }

    private static bool Check(string what, long actual, long expected)
    {
        var ok = actual == expected;
        Console.WriteLine(string.Create(Invariant, $"  check {what}: {actual:N0} (expected {expected:N0}) {(ok ? "ok" : "FAILED")}"));
        return ok;
    }

    private static string Mb(long bytes) => string.Create(Invariant, $"{bytes / 1048576.0:F1} MB");
}
