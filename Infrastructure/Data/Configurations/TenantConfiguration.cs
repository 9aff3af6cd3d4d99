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
