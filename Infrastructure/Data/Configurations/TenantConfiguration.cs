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
        // The back-office lists tenants newest first, paged by (Created, Id). The name rides along so that a search
        // by a part of it (LIKE '%…%', which no index can seek) reads this index alone, not every tenant's row:
        // half the CPU at 100,000 tenants (bench/AdminSearch.Benchmarks/RESULTS.md).
        builder.HasIndex(t => new { t.Created, t.Id, t.Name });
        builder.Property(t => t.CreatedBy).HasMaxLength(64);
        builder.Property(t => t.LastModifiedBy).HasMaxLength(64);
        builder.Property<long>(TenantLimitGate.LimitedInsertsColumn);
    }
}

internal sealed class StaffAccessGrantConfiguration : IEntityTypeConfiguration<StaffAccessGrant>
{
    public void Configure(EntityTypeBuilder<StaffAccessGrant> builder)
    {
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Reason).HasMaxLength(StaffAccessGrant.ReasonMaxLength).IsRequired();
        builder.Property(g => g.CreatedBy).HasMaxLength(64);
        builder.Property(g => g.LastModifiedBy).HasMaxLength(64);
        // Every staff read looks for the tenant's grant that runs longest.
        builder.HasIndex(g => new { g.TenantId, g.ExpiresAt });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
