namespace VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;

public sealed record SystemStatusDto(
    string ApplicationName,
    string Version,
    string Environment,
    string DatabaseProvider,
    bool DatabaseHealthy,
    DateTimeOffset ServerTimeUtc,
    int TenantCount);
