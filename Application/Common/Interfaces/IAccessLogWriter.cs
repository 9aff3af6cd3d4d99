using System.Net;

namespace VirtuOps.Application.Common.Interfaces;

/// <summary>
/// What the host captures about one finished API request. The raw user-agent is parsed later, by the writer,
/// so the request path only copies a few values.
/// </summary>
public sealed record CapturedRequest(
    DateTimeOffset OccurredAt,
    IPAddress? IpAddress,
    string? UserAgent,
    string Method,
    string Path,
    int StatusCode,
    Guid? UserId,
    Guid? TenantId);

/// <summary>Queues access-log entries for a background writer that stores them in batches.</summary>
public interface IAccessLogWriter
{
    /// <summary>Never waits: when the queue is full the entry is dropped, counted and <c>false</c> returned.</summary>
    bool TryEnqueue(CapturedRequest request);

    /// <summary>
    /// Completes once everything enqueued before the call has been handled (stored, or logged as failed).
    /// Needs the background writer to be running; otherwise it waits until <paramref name="cancellationToken"/> fires.
    /// </summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
