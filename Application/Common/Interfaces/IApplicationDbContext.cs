using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Sms;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Application.Common.Interfaces;

public interface IApplicationDbContext
{
    DbSet<Tenant> Tenants { get; }

    DbSet<DemoRequest> DemoRequests { get; }

    DbSet<SmsDelivery> SmsDeliveries { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
