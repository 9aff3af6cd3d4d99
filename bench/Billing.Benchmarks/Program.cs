using System.Diagnostics;
using System.Globalization;
using Infrastructure.IntegrationTests.Paylov;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Billing.Renewals;
using VirtuOps.Domain.Billing;
using VirtuOps.Infrastructure.Data;

namespace Billing.Benchmarks;

/// <summary>A load script, not BenchmarkDotNet: one long run of the renewal command against the fake Paylov.</summary>
internal static class BillingBench
{
    public static async Task<int> Main(string[] args)
    {
        // dotnet run -c Release --project bench/Billing.Benchmarks -- --subscriptions 10000 --latency-ms 20 --concurrency 32
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 2;
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant,
            $"Billing renewal load: {options.Subscriptions} subscriptions, {options.LatencyMs} ms Paylov latency, concurrency {options.Concurrency}, {Environment.ProcessorCount} cores"));

        await using var paylov = await FakePaylovServer.StartAsync();
        await using var app = new BillingBenchFactory(paylov.BaseUrl, options.Concurrency);
        var services = app.Services; // starts the host: migrates the fresh SQLite file
        if (options.Payouts)
        {
            var payoutsOk = await PayoutBench.RunAsync(services, paylov, options);
            Console.WriteLine(payoutsOk ? "OK" : "FAILED");
            return payoutsOk ? 0 : 1;
        }

        var seeding = Stopwatch.StartNew();
        var seeded = await Seeder.SeedDueSubscriptionsAsync(services, paylov, options.Subscriptions);
        Console.WriteLine(string.Create(invariant, $"Seeded {options.Subscriptions} due subscriptions in {seeding.Elapsed.TotalSeconds:F1} s (not measured)"));

        paylov.Latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        // Two Paylov calls per charge (receipts/create, then receipts/pay).
        var ideal = TimeSpan.FromMilliseconds((double)options.Subscriptions * 2 * options.LatencyMs / options.Concurrency);
        var ok = true;

        if (!options.SkipBaseline)
        {
            // The floor: the same number of charges (create, then pay) through the app's own Paylov client and HTTP
            // pipeline, with the same concurrency, but no database, no DI scope per renewal and no receipts.
            var baseline = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Subscriptions), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
                async (i, token) =>
                {
                    var client = services.GetRequiredService<IPaylovClient>();
                    var transactionId = await client.CreateChargeAsync(new NewCharge("bench", 19_900_000, $"bench_{i}"), token);
                    var result = await client.PayAsync(new PayRequest(transactionId, FakePaylovServer.SuccessCard, "bench"), token);
                    if (result.State != PaylovTransactionState.Succeeded)
                        throw new InvalidOperationException($"Baseline charge {i} came back {result.State}.");
                });
            baseline.Stop();
            Report.Print("Baseline (bare IPaylovClient: CreateChargeAsync + PayAsync)", options, baseline.Elapsed, ideal);
        }

        // The measured run is the charge run; the receipts it queued (their rows are the outbox) are issued afterwards
        // by the job's second command, timed on its own.
        var requestsBefore = paylov.Requests.Count;
        RenewalRunSummary summary;
        int receiptsDelivered;
        var run = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            summary = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ChargeDueSubscriptionsCommand());
        run.Stop();
        Report.Print("Renewals (ChargeDueSubscriptionsCommand)", options, run.Elapsed, ideal);
        Console.WriteLine($"  Paylov calls during the run: {Report.Calls(paylov.Requests.Skip(requestsBefore))}");
        Console.WriteLine(string.Create(invariant,
            $"  Summary: renewed {summary.Renewed}, failed {summary.Failed}, suspended {summary.Suspended}, ended {summary.Ended}, unknown {summary.Unknown}, without consent {summary.WithoutConsent}"));

        requestsBefore = paylov.Requests.Count;
        var receiptRun = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
            receiptsDelivered = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new IssuePendingReceiptsCommand());
        receiptRun.Stop();
        Report.Print("Receipts afterwards (IssuePendingReceiptsCommand)", options, receiptRun.Elapsed, ideal);
        Console.WriteLine($"  Paylov calls during the receipt run: {Report.Calls(paylov.Requests.Skip(requestsBefore))}");
        Console.WriteLine(string.Create(invariant, $"  Receipts issued and e-mailed: {receiptsDelivered}"));

        // Verification: every subscription renewed once, one payment per charge at the fake, receipts e-mailed.
        var renewalCharges = paylov.Charges.Where(c => c.OrderKey.StartsWith("sub_", StringComparison.Ordinal)).ToList();
        var renewalCreates = paylov.Creates.Count(r => ((string?)r.Body!["account"]!["order_id"])?.StartsWith("sub_", StringComparison.Ordinal) == true);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var renewed = await db.Subscriptions.IgnoreQueryFilters().CountAsync(s => s.Status == SubscriptionStatus.Active && s.CurrentPeriodEnd > seeded.SeededAt);
            var paid = await db.Charges.IgnoreQueryFilters().CountAsync(c => c.Status == ChargeStatus.Succeeded);
            var issued = await db.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.IssuedAt != null);
            var emailed = await db.FiscalReceipts.IgnoreQueryFilters().CountAsync(r => r.EmailedAt != null);
            ok &= Report.Check("subscriptions renewed (database)", renewed, options.Subscriptions);
            ok &= Report.Check("succeeded renewal charges (database)", paid, options.Subscriptions);
            ok &= Report.Check("receipts issued (database)", issued, options.Subscriptions);
            ok &= Report.Check("receipts e-mailed (database)", emailed, options.Subscriptions);
        }

        ok &= Report.Check("owners e-mailed a receipt", app.Mail.ReceiptRecipients, options.Subscriptions);
        ok &= Report.Check("renewed (command summary)", summary.Renewed, options.Subscriptions);
        ok &= Report.Check("receipts delivered (command result)", receiptsDelivered, options.Subscriptions);
        ok &= Report.Check("receipts at the fake", paylov.Requests.Count(r => r is { Method: "POST", Path: "/merchant/fiscalization/register/" }), options.Subscriptions);
        ok &= Report.Check("renewal payments at the fake", renewalCharges.Count, options.Subscriptions);
        ok &= Report.Check("distinct charges paid at the fake", renewalCharges.Select(c => c.OrderKey).Distinct(StringComparer.Ordinal).Count(), options.Subscriptions);
        ok &= Report.Check("receipts/create sent (no retries)", renewalCreates, options.Subscriptions);
        ok &= Report.Check("receipts/pay sent (no retries)", paylov.PaymentAttempts.Count - (options.SkipBaseline ? 0 : options.Subscriptions), options.Subscriptions);

        Console.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }
}
