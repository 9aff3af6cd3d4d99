using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(Tenant.NameMaxLength).IsRequired();
        // The back-office lists tenants newest first, paged by (Created, Id).
        builder.HasIndex(t => new { t.Created, t.Id });
        builder.Property(t => t.CreatedBy).HasMaxLength(64);
        builder.Property(t => t.LastModifiedBy).HasMaxLength(64);
        builder.Property<long>(TenantLimitGate.LimitedInsertsColumn);
    }
}
