using System.Reflection;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Infrastructure.Data;

/// <summary>
/// The model, shared by both providers. Each provider has a subclass so that it owns its own migration set
/// (<see cref="SqliteApplicationDbContext"/>, <see cref="SqlServerApplicationDbContext"/>).
/// </summary>
public abstract class ApplicationDbContext(DbContextOptions options) : DbContext(options), IApplicationDbContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<DemoRequest> DemoRequests => Set<DemoRequest>();

    public DbSet<AccessLogEntry> AccessLogs => Set<AccessLogEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(Assembly.GetExecutingAssembly());
    }
}
