namespace VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;

public sealed record AccessLogEntryDto
{
    public required Guid Id { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public required string Browser { get; init; }

    public required string OperatingSystem { get; init; }

    public required string Device { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public required int StatusCode { get; init; }
}
