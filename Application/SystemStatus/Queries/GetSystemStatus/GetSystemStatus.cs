namespace VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;

public sealed record GetSystemStatusQuery : IQuery<SystemStatusDto>;

public sealed class GetSystemStatusQueryHandler(IApplicationDbContext context, ISystemInfo systemInfo, TimeProvider timeProvider)
    : IQueryHandler<GetSystemStatusQuery, SystemStatusDto>
{
    public async ValueTask<SystemStatusDto> Handle(GetSystemStatusQuery query, CancellationToken cancellationToken)
    {
        var databaseHealthy = await systemInfo.CanConnectToDatabaseAsync(cancellationToken);
        // Counting needs the database; a status page must still answer when it is down.
        var tenantCount = databaseHealthy ? await context.Tenants.CountAsync(cancellationToken) : 0;

        return new SystemStatusDto(
            systemInfo.ApplicationName,
            systemInfo.Version,
            systemInfo.EnvironmentName,
            systemInfo.DatabaseProvider,
            databaseHealthy,
            timeProvider.GetUtcNow(),
            tenantCount);
    }
}
