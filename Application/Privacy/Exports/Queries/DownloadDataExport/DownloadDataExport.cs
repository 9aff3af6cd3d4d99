using VirtuOps.Application.Privacy.Exports.Common;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Privacy.Exports.Queries.DownloadDataExport;

/// <summary>The zip of one of the caller's own ready exports. Anybody else's, and an expired one, is not found.</summary>
[Authorize(Roles = Roles.Owner + "," + Roles.Agent)]
public sealed record DownloadDataExportQuery(Guid Id) : IQuery<DataExportFile>;

public sealed record DataExportFile(Stream Content, string FileName);

public sealed class DownloadDataExportQueryHandler(IApplicationDbContext context, ICurrentUser currentUser, IDataExportFiles files, TimeProvider time)
    : IQueryHandler<DownloadDataExportQuery, DataExportFile>
{
    public async ValueTask<DataExportFile> Handle(DownloadDataExportQuery query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId ?? throw new SignInRequiredException();
        var export = await context.DataExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == query.Id && e.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("No such export.");
        if (export.Status == DataExportStatus.Pending)
            throw new ConflictException("The export is still being prepared; you will get an e-mail when it is ready.");
        if (!export.CanBeDownloadedAt(time.GetUtcNow()) || files.OpenRead(export.Id) is not { } content)
            throw new NotFoundException("This export has expired or failed; please ask for a new one.");
        return new DataExportFile(content, $"virtuops-export-{export.ReadyAt!.Value.UtcDateTime:yyyy-MM-dd}.zip");
    }
}
