using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.DemoRequests;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class DemoRequestConfiguration : IEntityTypeConfiguration<DemoRequest>
{
    public void Configure(EntityTypeBuilder<DemoRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.FullName).HasMaxLength(DemoRequest.FullNameMaxLength).IsRequired();
        builder.Property(r => r.Email).HasMaxLength(DemoRequest.EmailMaxLength).IsRequired();
        builder.Property(r => r.CompanyName).HasMaxLength(DemoRequest.CompanyNameMaxLength).IsRequired();
        builder.Property(r => r.PhoneNumber).HasMaxLength(DemoRequest.PhoneNumberMaxLength);
        builder.Property(r => r.Message).HasMaxLength(DemoRequest.MessageMaxLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(64);
        builder.Property(r => r.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(r => r.Created);
    }
}
