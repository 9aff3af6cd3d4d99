using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Channels.Inbound.Commands.ProcessInboundEvents;

namespace VirtuOps.Infrastructure.Channels;

public sealed class ChannelInboundOptions
{
    public const string SectionName = "Channels:Inbound";

    /// <summary>Whether this instance processes the webhook inbox in the background; tests process it by hand.</summary>
    public bool RunProcessor { get; set; } = true;

    /// <summary>How often the inbox is swept without a wake-up: missed signals, and retries of failed events.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Thin loop: woken by stored webhooks and by the periodic sweep, it sends <see cref="ProcessInboundEventsCommand"/>.</summary>
internal sealed class InboundEventProcessingService(
    InboundEventSignal signal,
    IServiceScopeFactory scopes,
    IOptions<ChannelInboundOptions> options,
    TimeProvider time,
    ILogger<InboundEventProcessingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var sweep = time.GetUtcNow() >= nextSweep;
            if (sweep)
                nextSweep = time.GetUtcNow() + options.Value.SweepInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProcessInboundEventsCommand(RetryFailed: sweep), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) // the database may be briefly unavailable; the next wake-up tries again
            {
                logger.LogError(exception, "Processing the webhook inbox failed");
            }

            await signal.WaitUntilAsync(nextSweep, time, stoppingToken);
        }
    }
}
