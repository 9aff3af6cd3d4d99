using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Sms;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class SmsDeliveryConfiguration : IEntityTypeConfiguration<SmsDelivery>
{
    public void Configure(EntityTypeBuilder<SmsDelivery> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.ProviderMessageId).HasMaxLength(SmsDelivery.ProviderMessageIdMaxLength).IsRequired();
        builder.Property(d => d.PhoneNumber).HasMaxLength(SmsDelivery.MaskedPhoneNumberMaxLength).IsRequired();
        builder.Property(d => d.Status).HasMaxLength(SmsDelivery.StatusMaxLength).IsRequired();
        builder.Property(d => d.CreatedBy).HasMaxLength(64);
        builder.Property(d => d.LastModifiedBy).HasMaxLength(64);
        // One row per gateway message: a replayed callback finds it instead of adding another.
        builder.HasIndex(d => d.ProviderMessageId).IsUnique();
    }
}
