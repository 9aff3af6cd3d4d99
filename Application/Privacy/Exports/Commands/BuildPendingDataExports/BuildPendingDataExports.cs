using Microsoft.Extensions.Options;
using VirtuOps.Application.Accounts.Common;
using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Privacy.Exports.Commands.BuildPendingDataExports;

/// <summary>
/// Builds every pending export, oldest first, and e-mails each owner a link. Sent by the export worker when woken and
/// at start, so an export left pending by a restart is built then.
/// </summary>
public sealed record BuildPendingDataExportsCommand : ICommand<int>;

public sealed class BuildPendingDataExportsCommandHandler(
    IApplicationDbContext context,
    IDataExportWriter exportWriter,
    IDataExportFiles files,
    IDatabaseWriter databaseWriter,
    IIdentityService identity,
    IEmailSender email,
    IOptions<AppLinksOptions> links,
    IOptions<LegalDocumentsOptions> legal,
    TimeProvider time,
    ILogger<BuildPendingDataExportsCommandHandler> logger)
    : ICommandHandler<BuildPendingDataExportsCommand, int>
{
    public async ValueTask<int> Handle(BuildPendingDataExportsCommand command, CancellationToken cancellationToken)
    {
        var built = 0;
        // One at a time and re-read each turn, so an export asked for during a long build is picked up in the same pass.
        while (await context.DataExports.IgnoreQueryFilters()
                   .Where(e => e.Status == DataExportStatus.Pending)
                   .OrderBy(e => e.RequestedAt).ThenBy(e => e.Id)
                   .FirstOrDefaultAsync(cancellationToken) is { } export)
        {
            await BuildAsync(export, cancellationToken);
            built++;
        }

        return built;
    }

    private async Task BuildAsync(DataExport export, CancellationToken cancellationToken)
    {
        long size;
        try
        {
            size = await files.SaveAsync(export.Id, (zip, ct) => exportWriter.WriteAsync(export, zip, ct), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Building data export {ExportId} failed", export.Id);
            files.Delete(export.Id);
            export.MarkFailed(time.GetUtcNow());
            await AnswerRequestAsync(export, "The export could not be prepared. Please ask for a new one; if it fails again, write to us.", cancellationToken);
            await databaseWriter.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
            return;
        }

        export.MarkReady(time.GetUtcNow(), size);
        await AnswerRequestAsync(export,
            $"Your data export is ready: download it from the Privacy centre until {export.ExpiresAt:yyyy-MM-dd HH:mm} UTC.", cancellationToken);
        await databaseWriter.RunExclusiveAsync(() => context.SaveChangesAsync(cancellationToken), cancellationToken);
        logger.LogInformation("Data export {ExportId} is ready ({SizeBytes} bytes)", export.Id, size);

        if (await identity.FindByIdAsync(export.UserId, cancellationToken) is not { } user)
            return;
        try
        {
            var link = links.Value.Link($"/privacy?export={export.Id}");
            await email.SendAsync(DataExportMail.Ready(user.Email, export, link, legal.Value.PrivacyEmail), cancellationToken);
        }
        catch (EmailDeliveryException exception)
        {
            // The export stays downloadable from the Privacy centre, which shows it as ready.
            logger.LogWarning(exception, "The e-mail about data export {ExportId} could not be sent", export.Id);
        }
    }

    /// <summary>Closes the export's data-subject request in the same save as the export's own change.</summary>
    private async Task AnswerRequestAsync(DataExport export, string answer, CancellationToken cancellationToken)
    {
        if (export.PrivacyRequestId is { } requestId
            && await context.PrivacyRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken) is { IsOpen: true } request)
            request.AnswerNow(answer, time.GetUtcNow());
    }
}
