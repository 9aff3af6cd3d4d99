using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.StaffAudit;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class StaffAuditEntryConfiguration : IEntityTypeConfiguration<StaffAuditEntry>
{
    public void Configure(EntityTypeBuilder<StaffAuditEntry> builder)
    {
        builder.ToTable("StaffAuditLog");
        // The database numbers entries in the order they are written: the cursor of every page.
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ActorRole).HasMaxLength(StaffAuditEntry.ActorRoleMaxLength).IsUnicode(false).IsRequired();
        builder.Property(e => e.Operation).HasMaxLength(StaffAuditEntry.OperationMaxLength).IsRequired();
        builder.Property(e => e.Path).HasMaxLength(StaffAuditEntry.PathMaxLength).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(StaffAuditEntry.ReasonMaxLength);

        // No foreign keys: an entry outlives the staff account, and records a tenant id even when it named none.
        // The owner's "platform access" and the admins' tenant filter read one tenant's entries newest first.
        builder.HasIndex(e => new { e.TenantId, e.Id });
        builder.HasIndex(e => new { e.ActorUserId, e.Id });
    }
}
