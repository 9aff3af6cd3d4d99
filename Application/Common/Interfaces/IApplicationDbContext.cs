using VirtuOps.Domain.AccessLogs;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Tenant> Tenants { get; }

    DbSet<DemoRequest> DemoRequests { get; }

    DbSet<AccessLogEntry> AccessLogs { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
