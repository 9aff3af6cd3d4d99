using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Privacy.Exports.Commands.BuildPendingDataExports;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Infrastructure.Channels;

namespace VirtuOps.Infrastructure.Privacy;

/// <summary>Wakes the export worker when an export was requested.</summary>
internal sealed class DataExportSignal : WakeUpSignal, IDataExportSignal
{
    public void ExportRequested() => Raise();
}

/// <summary>
/// Thin loop: at start (so exports left pending by a restart are built), when woken by a request and on a periodic sweep,
/// it sends <see cref="BuildPendingDataExportsCommand"/>.
/// </summary>
internal sealed class DataExportWorker(
    DataExportSignal signal,
    IServiceScopeFactory scopes,
    IOptions<DataExportOptions> options,
    TimeProvider time,
    ILogger<DataExportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var nextSweep = time.GetUtcNow() + options.Value.SweepInterval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildPendingDataExportsCommand(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) // the database may be briefly unavailable; the next wake-up tries again
            {
                logger.LogError(exception, "Building data exports failed");
            }

            await signal.WaitUntilAsync(nextSweep, time, stoppingToken);
        }
    }
}
