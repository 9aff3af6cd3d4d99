using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Privacy.Exports.Common;

namespace VirtuOps.Infrastructure.Privacy;

/// <summary>The <c>Privacy:Exports</c> settings.</summary>
public sealed class DataExportOptions
{
    public const string SectionName = "Privacy:Exports";

    /// <summary>Where export zips are kept; relative to the content root. Not under wwwroot: only the download endpoint serves them.</summary>
    public string Directory { get; set; } = "data/exports";

    /// <summary>Whether this instance builds requested exports in the background; tests build them by hand.</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>How often the worker looks for pending exports without a wake-up (another instance's requests, missed signals).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Export zips as files named by the export's id in <see cref="DataExportOptions.Directory"/>.</summary>
internal sealed class DataExportFiles(IOptions<DataExportOptions> options, IHostEnvironment environment) : IDataExportFiles
{
    private string Root => Path.GetFullPath(options.Value.Directory, environment.ContentRootPath);

    public async Task<long> SaveAsync(Guid exportId, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        var partial = PartialPath(exportId);
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024, useAsync: true))
        {
            await write(file, cancellationToken);
            await file.FlushAsync(cancellationToken);
        }

        File.Move(partial, FilePath(exportId), overwrite: true);
        return new FileInfo(FilePath(exportId)).Length;
    }

    public Stream? OpenRead(Guid exportId)
    {
        try
        {
            return new FileStream(FilePath(exportId), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Delete(Guid exportId)
    {
        File.Delete(FilePath(exportId));
        File.Delete(PartialPath(exportId));
    }

    public IReadOnlyCollection<Guid> StoredExportIds() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*.zip*")
                .Select(path => Guid.TryParseExact(Path.GetFileName(path).Split('.')[0], "N", out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty)
                .ToHashSet()
            : [];

    private string FilePath(Guid exportId) => Path.Combine(Root, $"{exportId:N}.zip");

    private string PartialPath(Guid exportId) => Path.Combine(Root, $"{exportId:N}.zip.partial");
}
