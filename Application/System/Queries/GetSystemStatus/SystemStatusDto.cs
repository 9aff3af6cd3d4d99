namespace VirtuOps.Application.System.Queries.GetSystemStatus;

public sealed record SystemStatusDto(
    string ApplicationName,
    string Version,
    string Environment,
    string DatabaseProvider,
    bool DatabaseHealthy,
    DateTimeOffset ServerTimeUtc,
    int TenantCount);
