namespace VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;

/// <summary>
/// Whether the service is up, for anyone; <see cref="Details"/> only for platform staff, since the version,
/// environment, database and customer count help an attacker more than a visitor.
/// </summary>
public sealed record SystemStatusDto(
    string ApplicationName,
    bool DatabaseHealthy,
    DateTimeOffset ServerTimeUtc,
    bool HasDevOutbox,
    SystemDetailsDto? Details);

public sealed record SystemDetailsDto(
    string Version,
    string Environment,
    string DatabaseProvider,
    int TenantCount);
