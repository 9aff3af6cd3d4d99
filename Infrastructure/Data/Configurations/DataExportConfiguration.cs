using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Privacy;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class DataExportConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Language).HasConversion<string>().HasMaxLength(8);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);

        // One running export per user, whatever the race: a second request meets this index and gets the running one.
        builder.HasIndex(e => e.UserId).IsUnique().HasFilter("[Status] = 'Pending'").HasDatabaseName("IX_DataExports_UserId_Pending");
        // The worker's queue and the retention job's expiry scan.
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
        builder.HasIndex(e => e.ExpiresAt);
    }
}
