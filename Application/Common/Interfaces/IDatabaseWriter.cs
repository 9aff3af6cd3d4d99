namespace VirtuOps.Application.Common.Interfaces;

/// <summary>
/// The process's database writer. SQLite has one writer: writes that take turns here are woken at once when it is
/// free, instead of meeting in SQLite's busy handler, which sleeps for milliseconds. Webhooks go first: the write waits
/// (briefly, at most) while webhooks are being stored, and those queued are committed before it. Not reentrant: the
/// write must not take it again.
/// </summary>
public interface IDatabaseWriter
{
    Task<T> RunExclusiveAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken);
}
