using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Privacy.Exports.Common;

/// <summary>Where export zips are kept: a directory the web server does not serve (<c>Privacy:Exports:Directory</c>).</summary>
public interface IDataExportFiles
{
    /// <summary>
    /// Writes the export's zip through <paramref name="write"/> into a temporary file and moves it into place only when
    /// it is complete, so a crash never leaves half a zip behind the export's name. Returns the file's size.
    /// </summary>
    Task<long> SaveAsync(Guid exportId, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>The finished zip, or null when there is none.</summary>
    Stream? OpenRead(Guid exportId);

    /// <summary>Deletes the zip (and any unfinished temporary file); nothing happens when there is none.</summary>
    void Delete(Guid exportId);

    /// <summary>The ids of the exports that have a file (finished or not).</summary>
    IReadOnlyCollection<Guid> StoredExportIds();
}

/// <summary>Writes everything an export holds (see the export catalog) as a zip into a stream, reading rows in pages.</summary>
public interface IDataExportWriter
{
    Task WriteAsync(DataExport export, Stream zip, CancellationToken cancellationToken);
}

/// <summary>Wakes the export worker when an export was requested.</summary>
public interface IDataExportSignal
{
    void ExportRequested();
}
