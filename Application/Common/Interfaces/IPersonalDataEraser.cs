using VirtuOps.Domain.Privacy;

namespace VirtuOps.Application.Common.Interfaces;

/// <summary>Deletes, or keeps anonymised, every row an erasure covers, as the erasure catalog of the data model says.</summary>
public interface IPersonalDataEraser
{
    /// <summary>
    /// Deletes the rows in batches, each a short turn of the database writer. Safe to run again: a run cut short
    /// continues where it stopped.
    /// </summary>
    Task EraseAsync(ErasureRequest request, CancellationToken cancellationToken);

    /// <summary>Makes sure no deleted bytes stay in the database files (SQLite: the write-ahead log is checkpointed and truncated).</summary>
    Task ReclaimFreedSpaceAsync(CancellationToken cancellationToken);
}
