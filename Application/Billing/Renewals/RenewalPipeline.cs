using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Billing.Common;

namespace VirtuOps.Application.Billing.Renewals;

public sealed record DueSubscription(Guid Id, Guid TenantId);

/// <summary>
/// Renews many due subscriptions at once (the billing job). <see cref="BillingOptions.ChargeConcurrency"/> slots do
/// nothing but talk to Paylov; one writer does all the database work, a group of renewals per transaction: it saves
/// the answers the slots brought back (a created transaction's id, to be paid next, or a payment's outcome) and, in
/// the same commit, the pending charges of the next renewals; then it hands the slots the transactions to pay and
/// the charges to create. Each renewal thus visits the slots twice, as Paylov's two calls need. One writer instead of a transaction per renewal step: SQLite has a single write lock, and
/// dozens of renewals each committing several times spent most of the run waiting for it.
/// </summary>
/// <remarks>
/// The guarantees are <see cref="RenewalProcessor"/>'s: a charge's pending row is committed before a slot asks Paylov
/// to create its transaction, and that transaction's id is committed before a slot pays it. A group the database refuses (another run renewed one of its subscriptions
/// first) is redone one renewal at a time by <see cref="RenewalProcessor"/>, which settles a charge left pending by
/// asking Paylov, never by charging anew. A crash leaves at most the renewals in flight pending, settled the same way
/// by the next run. Receipts are only queued here (their rows are the outbox); <see cref="IssuePendingReceiptsCommand"/>
/// issues them.
/// </remarks>
public sealed class RenewalPipeline(IServiceScopeFactory scopes, RenewalSteps steps, BillingMail mail, IOptions<BillingOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<RenewalOutcome>> RunAsync(IReadOnlyList<DueSubscription> due, CancellationToken cancellationToken)
    {
        var concurrency = options.Value.ChargeConcurrency;
        var toCharge = Channel.CreateUnbounded<Renewal>(new UnboundedChannelOptions { SingleWriter = true });
        var answered = Channel.CreateUnbounded<Renewal>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var slots = Parallel.ForEachAsync(toCharge.Reader.ReadAllAsync(stop.Token),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = stop.Token },
            async (renewal, token) =>
            {
                await steps.CallPaylovAsync(renewal, token);
                answered.Writer.TryWrite(renewal);
            });
        // A failed slot stops the writer (it would wait for that answer forever).
        _ = slots.ContinueWith(t => answered.Writer.TryComplete(t.Exception?.InnerException), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var renewals = new List<Renewal>(due.Count);
        try
        {
            await WriteAsync(due, toCharge.Writer, answered.Reader, concurrency, renewals, stop.Token);
        }
        finally
        {
            toCharge.Writer.TryComplete();
            await stop.CancelAsync();
            await slots.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // Failures that were saved are told even when the run then broke off.
            await SendDunningMailsAsync(renewals, cancellationToken);
        }

        return [.. renewals.Select(r => r.Outcome!.Value)];
    }

    /// <summary>Rare (failed renewals only), so after the run rather than in the writer's way.</summary>
    private async Task SendDunningMailsAsync(List<Renewal> renewals, CancellationToken cancellationToken)
    {
        var failed = renewals.Where(r => r.Mail is not null).ToList();
        if (failed.Count == 0)
            return;
        var owners = await mail.OwnerEmailsAsync([.. failed.Select(r => r.Subscription.TenantId).Distinct()], cancellationToken);
        foreach (var renewal in failed)
        {
            if (owners.TryGetValue(renewal.Subscription.TenantId, out var address))
                await mail.SendAsync(address, renewal.Mail!.Value.Subject, renewal.Mail.Value.Body, cancellationToken);
        }
    }

    private async Task WriteAsync(IReadOnlyList<DueSubscription> due, ChannelWriter<Renewal> toCharge, ChannelReader<Renewal> answered,
        int concurrency, List<Renewal> settled, CancellationToken cancellationToken)
    {
        // Up to three slots' worth begun and not yet settled: the slots find a queue of pending charges while the
        // writer saves the last group, and each group holds about one slot's worth of answers.
        var window = 3 * concurrency;
        var next = 0;
        var inFlight = 0;
        while (next < due.Count || inFlight > 0)
        {
            var group = new List<Renewal>();
            var wanted = next < due.Count && inFlight < window ? 0 : Math.Min(concurrency, inFlight);
            while (group.Count < wanted || answered.TryPeek(out _))
            {
                if (answered.TryRead(out var renewal))
                    group.Add(renewal);
                else if (!await answered.WaitToReadAsync(cancellationToken))
                    throw new OperationCanceledException("The charge slots stopped.");
            }

            // A created transaction goes back to the slots to be paid, so only settled renewals make room.
            var begin = due.Skip(next).Take(window - inFlight + group.Count(r => !r.AwaitsSavingTransaction)).ToList();
            next += begin.Count;
            inFlight -= group.Count;

            var toCall = await SaveGroupAsync(group, begin, settled, cancellationToken);
            inFlight += toCall.Count;
            foreach (var renewal in toCall)
                toCharge.TryWrite(renewal);
        }
    }

    /// <summary>
    /// Saves Paylov's answers and begins the next renewals in one transaction; returns those to send to Paylov: the
    /// saved transactions to pay and the new charges to create.
    /// </summary>
    private async Task<List<Renewal>> SaveGroupAsync(List<Renewal> answered, List<DueSubscription> begin, List<Renewal> settled, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var now = time.GetUtcNow();
        var toPay = answered.Where(r => r.AwaitsSavingTransaction).ToList();
        foreach (var renewal in answered)
        {
            // Loaded by an earlier group's context; attached unchanged, so only what changes now is written.
            context.Subscriptions.Attach(renewal.Subscription);
            context.Charges.Attach(renewal.Charge!);
            if (renewal.AwaitsSavingTransaction)
                RenewalSteps.RecordTransaction(renewal);
            else
                RenewalSteps.Apply(context, renewal, now);
        }

        var begun = await BeginAsync(context, begin, now, cancellationToken);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            await RedoOneByOneAsync([.. answered, .. begun], settled, cancellationToken);
            return [];
        }

        settled.AddRange(answered.Except(toPay));
        settled.AddRange(begun.Where(r => r.Outcome is not null));
        return [.. toPay, .. begun.Where(r => r.Outcome is null)];
    }

    private async Task<List<Renewal>> BeginAsync(IApplicationDbContext context, List<DueSubscription> begin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (begin.Count == 0)
            return [];

        // Five queries for the whole group; the job serves every tenant, so it looks across them.
        var ids = begin.Select(d => d.Id).ToList();
        var tenants = begin.Select(d => d.TenantId).ToList();
        var subscriptions = await context.Subscriptions.IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        var periods = subscriptions.Select(s => s.RenewalPeriodKey).Distinct().ToList();
        var attempts = (await context.Charges.IgnoreQueryFilters()
                .Where(c => ids.Contains(c.SubscriptionId) && periods.Contains(c.PeriodKey))
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.SubscriptionId);
        var cards = (await context.PaymentMethods.IgnoreQueryFilters().AsNoTracking()
                .Where(p => tenants.Contains(p.TenantId) && p.RemovedAt == null)
                .ToListAsync(cancellationToken))
            .GroupBy(p => p.TenantId)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.Created));
        var consented = await RenewalSteps.ConsentedTenantsAsync(context, tenants, cancellationToken);
        var restricted = await RenewalSteps.RestrictedTenantsAsync(context, tenants, cancellationToken);

        return [.. subscriptions.Select(s => steps.Begin(context, s, [.. attempts[s.Id].Where(c => c.PeriodKey == s.RenewalPeriodKey)],
            cards.GetValueOrDefault(s.TenantId), consented.Contains(s.TenantId), restricted.Contains(s.TenantId), now))];
    }

    private async Task RedoOneByOneAsync(List<Renewal> renewals, List<Renewal> settled, CancellationToken cancellationToken)
    {
        foreach (var renewal in renewals)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(renewal.Subscription.TenantId);
            var outcome = await scope.ServiceProvider.GetRequiredService<RenewalProcessor>().RenewAsync(renewal.Subscription.Id, cancellationToken);
            settled.Add(new Renewal(renewal.Subscription) { Outcome = outcome }); // RenewAsync sent its own mail and receipt
        }
    }
}
