using VirtuOps.Domain.Common;

namespace VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;

public sealed record GetSystemStatusQuery : IQuery<SystemStatusDto>;

public sealed class GetSystemStatusQueryHandler(IApplicationDbContext context, ISystemInfo systemInfo, ICurrentUser currentUser, TimeProvider timeProvider)
    : IQueryHandler<GetSystemStatusQuery, SystemStatusDto>
{
    public async ValueTask<SystemStatusDto> Handle(GetSystemStatusQuery query, CancellationToken cancellationToken)
    {
        var databaseHealthy = await systemInfo.CanConnectToDatabaseAsync(cancellationToken);
        var details = currentUser.IsInRole(Roles.Admin) || currentUser.IsInRole(Roles.Support)
            ? new SystemDetailsDto(
                systemInfo.Version,
                systemInfo.EnvironmentName,
                systemInfo.DatabaseProvider,
                // Counting needs the database; a status page must still answer when it is down.
                databaseHealthy ? await context.Tenants.CountAsync(cancellationToken) : 0)
            : null;

        return new SystemStatusDto(systemInfo.ApplicationName, databaseHealthy, timeProvider.GetUtcNow(), systemInfo.HasDevOutbox, details);
    }
}
