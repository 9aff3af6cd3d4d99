using System.Collections.Concurrent;
using Application.FunctionalTests.AccessLogs;
using Application.FunctionalTests.Channels;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using VirtuOps.Application.Billing.Payments;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.Jobs;

namespace Application.FunctionalTests.Privacy;

/// <summary>
/// The app with Telegram and Meta fakes, a Paylov that records which cards were removed, and a database writer that
/// can be told to fail a turn (the crash of a purge half-way).
/// </summary>
public sealed class ErasureApiFactory : ChannelsApiFactory
{
    public ConcurrentQueue<string> RemovedCards { get; } = new();

    /// <summary>The writer turn (counting from 1 after it is set) that throws, as a crash would; 0 fails none.</summary>
    public int FailWriterTurn { get; set; }

    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        // Every test signs in and types passwords many times from one address; the limit is RateLimitTests' business.
        builder.UseSetting("RateLimits:AuthPerMinute", "1000");
        // The scheduler follows the test clock: an hourly purge would fire by itself whenever a test moves the clock
        // past a grace period. Tests run the job when they choose.
        builder.UseSetting("Privacy:PurgeCron", "0 0 0 1 1 ? 2099");
        builder.ConfigureTestServices(services =>
        {
            Decorate<IPaylovClient>(services, paylov => new RecordingPaylov(paylov, RemovedCards));
            Decorate<IDatabaseWriter>(services, writer => new CrashingWriter(writer, this));
        });
    }

    public async Task<int> RunErasurePurgeJobAsync()
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new PurgeScheduleTests.JobCompletion();
        scheduler.ListenerManager.AddJobListener(job, [Matchers.Key(PurgeErasuresJob.Key)]);
        try
        {
            await scheduler.TriggerJob(PurgeErasuresJob.Key);
            return (int)(await job.Executed.WaitAsync(TimeSpan.FromSeconds(60))).Result!;
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(job.Name);
        }
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap((T)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))), original.Lifetime));
    }

    private sealed class RecordingPaylov(IPaylovClient inner, ConcurrentQueue<string> removed) : IPaylovClient
    {
        public Task<CardBindingSession> StartCardBindingAsync(string externalId, string paylovUserId, long amountTiyin, Uri returnUrl, CancellationToken cancellationToken) =>
            inner.StartCardBindingAsync(externalId, paylovUserId, amountTiyin, returnUrl, cancellationToken);

        public Task<CardBindingResult> GetCardBindingAsync(string sessionId, CancellationToken cancellationToken) =>
            inner.GetCardBindingAsync(sessionId, cancellationToken);

        public Task<string> CreateChargeAsync(NewCharge request, CancellationToken cancellationToken) => inner.CreateChargeAsync(request, cancellationToken);

        public Task<ChargeResult> PayAsync(PayRequest request, CancellationToken cancellationToken) => inner.PayAsync(request, cancellationToken);

        public Task<ChargeResult> GetTransactionAsync(string transactionId, CancellationToken cancellationToken) =>
            inner.GetTransactionAsync(transactionId, cancellationToken);

        public Task RefundAsync(string transactionId, CancellationToken cancellationToken) => inner.RefundAsync(transactionId, cancellationToken);

        public Task RemoveCardAsync(string cardId, CancellationToken cancellationToken)
        {
            removed.Enqueue(cardId);
            return inner.RemoveCardAsync(cardId, cancellationToken);
        }

        public Task<FiscalReceipt> RegisterReceiptAsync(ReceiptRequest request, CancellationToken cancellationToken) =>
            inner.RegisterReceiptAsync(request, cancellationToken);
    }

    private sealed class CrashingWriter(IDatabaseWriter inner, ErasureApiFactory factory) : IDatabaseWriter
    {
        private int _turns;

        public Task<T> RunExclusiveAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
        {
            if (factory.FailWriterTurn > 0 && Interlocked.Increment(ref _turns) == factory.FailWriterTurn)
            {
                factory.FailWriterTurn = 0;
                _turns = 0;
                throw new IOException("Simulated crash in the middle of a purge.");
            }

            return inner.RunExclusiveAsync(write, cancellationToken);
        }
    }
}
