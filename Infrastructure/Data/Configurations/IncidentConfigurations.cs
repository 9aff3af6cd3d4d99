using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Incidents;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(Incident.TitleMaxLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(Incident.DescriptionMaxLength).IsRequired();
        builder.Property(i => i.AssessmentReason).HasMaxLength(Incident.ReasonMaxLength);
        builder.Property(i => i.ClosingNote).HasMaxLength(Incident.ReasonMaxLength);
        builder.PrimitiveCollection(i => i.AffectedTenantIds);
        builder.Property(i => i.CreatedBy).HasMaxLength(64);
        builder.Property(i => i.LastModifiedBy).HasMaxLength(64);
        // The back-office lists incidents newest first, paged by (Created, Id).
        builder.HasIndex(i => new { i.Created, i.Id });
    }
}

internal sealed class IncidentNoticeConfiguration : IEntityTypeConfiguration<IncidentNotice>
{
    public void Configure(EntityTypeBuilder<IncidentNotice> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.CreatedBy).HasMaxLength(64);
        builder.Property(n => n.LastModifiedBy).HasMaxLength(64);
        // One notice per incident and tenant: a retried or concurrent notify cannot tell a tenant twice.
        builder.HasIndex(n => new { n.IncidentId, n.TenantId }).IsUnique();
        // The owner's banner: the tenant's notices not yet acknowledged.
        builder.HasIndex(n => new { n.TenantId, n.AcknowledgedAt });
        builder.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(n => n.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
