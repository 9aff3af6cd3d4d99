using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.AccessLogs;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLogs");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.IpAddress).HasMaxLength(AccessLogEntry.IpAddressMaxLength).IsUnicode(false);
        builder.Property(e => e.UserAgent).HasMaxLength(AccessLogEntry.UserAgentMaxLength);
        builder.Property(e => e.Browser).HasMaxLength(AccessLogEntry.ClientDescriptionMaxLength).IsRequired();
        builder.Property(e => e.OperatingSystem).HasMaxLength(AccessLogEntry.ClientDescriptionMaxLength).IsRequired();
        builder.Property(e => e.Device).HasMaxLength(AccessLogEntry.ClientDescriptionMaxLength).IsRequired();
        builder.Property(e => e.Method).HasMaxLength(AccessLogEntry.MethodMaxLength).IsUnicode(false).IsRequired();
        builder.Property(e => e.Path).HasMaxLength(AccessLogEntry.PathMaxLength).IsRequired();

        // "My access log" reads one user's entries newest first; the purge deletes by age.
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.HasIndex(e => e.OccurredAt);
    }
}
