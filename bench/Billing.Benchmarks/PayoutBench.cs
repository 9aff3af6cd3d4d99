using System.Diagnostics;
using Infrastructure.IntegrationTests.Paylov;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.AdminPayouts.Common;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Partners;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data;

namespace Billing.Benchmarks;

/// <summary>
/// <c>--payouts</c>: N requested payouts of N partners (a company payee each, a card bound at the fake) approved with
/// bounded concurrency through the approval's exactly-once path (saved Paying, A2C performTransaction, outcome saved),
/// beside the bare A2C client in the same run. One Paylov call per payout, so the ideal is N x latency / concurrency.
/// Staff authorization and the audit entry are the HTTP layer's and are left out.
/// </summary>
internal static class PayoutBench
{
    private const int BatchSize = 1_000;

    public static async Task<bool> RunAsync(IServiceProvider services, FakePaylovServer paylov, BenchOptions options)
    {
        var count = options.Subscriptions;
        var seeding = Stopwatch.StartNew();
        var payouts = await SeedAsync(services, paylov, count);
        Console.WriteLine($"Seeded {count} requested payouts in {seeding.Elapsed.TotalSeconds:F1} s (not measured)");

        paylov.Latency = TimeSpan.FromMilliseconds(options.LatencyMs);
        var ideal = TimeSpan.FromMilliseconds((double)count * options.LatencyMs / options.Concurrency);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency };

        if (!options.SkipBaseline)
        {
            var cardId = paylov.BindCard("bench");
            var baseline = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, token) =>
            {
                var result = await services.GetRequiredService<IPaylovPayouts>().PayOutAsync(new PayoutToCard("bench", cardId, 1_000_000, $"bench_{i}"), token);
                if (result.State != PayoutState.Succeeded)
                    throw new InvalidOperationException($"Baseline payout {i} came back {result.State}.");
            });
            baseline.Stop();
            Report.Print("Baseline (bare IPaylovPayouts.PayOutAsync)", options, baseline.Elapsed, ideal);
        }

        var before = paylov.Payouts.Count;
        var adminId = Guid.CreateVersion7();
        var run = Stopwatch.StartNew();
        await Parallel.ForEachAsync(payouts, parallel, async (seeded, token) =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(seeded.TenantId);
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var sender = scope.ServiceProvider.GetRequiredService<PayoutSender>();
            var payout = await db.Payouts.SingleAsync(p => p.Id == seeded.PayoutId, token);
            payout.Approve(adminId, "bench", DateTimeOffset.UtcNow);
            await sender.SaveClaimAsync(token);
            await sender.SendAsync(payout, token);
        });
        run.Stop();
        Report.Print("Payouts (approval path: saved Paying, A2C, outcome saved)", options, run.Elapsed, ideal);

        var sent = paylov.Payouts.Skip(before).ToList();
        int paid;
        await using (var scope = services.CreateAsyncScope())
            paid = await scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Payouts.IgnoreQueryFilters().CountAsync(p => p.Status == PayoutStatus.Paid);
        var ok = Report.Check("payouts paid (database)", paid, count);
        ok &= Report.Check("payouts at the fake", sent.Count, count);
        ok &= Report.Check("distinct external ids at the fake", sent.Select(p => p.ExternalId).Distinct(StringComparer.Ordinal).Count(), count);
        return ok;
    }

    private static async Task<List<(Guid TenantId, Guid PayoutId)>> SeedAsync(IServiceProvider services, FakePaylovServer paylov, int count)
    {
        var secrets = services.GetRequiredService<ISecretProtector>();
        var seeded = new List<(Guid, Guid)>(count);
        for (var first = 0; first < count; first += BatchSize)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(first + BatchSize, count); i++)
            {
                var tenant = Tenant.Create($"Bench partner {i}");
                db.Tenants.Add(tenant);
                var partner = Partner.Join(DateTimeOffset.UtcNow);
                db.Partners.Add(partner);
                db.Entry(partner).Property(p => p.TenantId).CurrentValue = tenant.Id;

                var account = PayoutAccount.Open();
                account.SetPayee(PayeeKind.Company, secrets.Protect("200000007", account.Id.ToString()), PayoutAccount.Mask("200000007"), $"Bench partner {i} MChJ");
                account.BindCard(secrets.Protect(paylov.BindCard(PaylovUser.Of(tenant.Id)), account.Id.ToString()), "860012******3456");
                db.PayoutAccounts.Add(account);
                db.Entry(account).Property(a => a.TenantId).CurrentValue = tenant.Id;

                var payout = Payout.Request(1_000_000, DateTimeOffset.UtcNow);
                db.Payouts.Add(payout);
                db.Entry(payout).Property(p => p.TenantId).CurrentValue = tenant.Id;
                seeded.Add((tenant.Id, payout.Id));
            }

            await db.SaveChangesAsync();
        }

        return seeded;
    }
}
