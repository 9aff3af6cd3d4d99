using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VirtuOps.Infrastructure.Data;

/// <summary>The embedded default database; migrations in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options, ICurrentTenant currentTenant)
    : ApplicationDbContext(options, currentTenant)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; store it as a sortable 64-bit number instead.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
