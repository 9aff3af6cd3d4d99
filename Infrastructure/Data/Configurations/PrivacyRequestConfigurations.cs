using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.PrivacyRequests;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Email).HasMaxLength(PrivacyRequest.EmailMaxLength);
        builder.Property(r => r.Text).HasMaxLength(PrivacyRequest.TextMaxLength);
        builder.Property(r => r.Answer).HasMaxLength(PrivacyRequest.AnswerMaxLength);
        builder.HasIndex(r => r.UserId);
        builder.HasIndex(r => r.TenantId);
        // The reminder job's question: which requests, not yet reminded of, reached their reminder time.
        builder.HasIndex(r => new { r.ReminderSentAt, r.RemindAt });
    }
}

internal sealed class UnconfirmedPrivacyRequestConfiguration : IEntityTypeConfiguration<UnconfirmedPrivacyRequest>
{
    public void Configure(EntityTypeBuilder<UnconfirmedPrivacyRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Email).HasMaxLength(PrivacyRequest.EmailMaxLength).IsRequired();
        builder.Property(r => r.Text).HasMaxLength(PrivacyRequest.TextMaxLength).IsRequired();
        builder.Property(r => r.TokenHash).HasMaxLength(128).IsRequired();
        builder.HasIndex(r => r.ExpiresAt);
    }
}

internal sealed class PrivacyDigestDeliveryConfiguration : IEntityTypeConfiguration<PrivacyDigestDelivery>
{
    public void Configure(EntityTypeBuilder<PrivacyDigestDelivery> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        // One digest per staff member per day: the claim that makes the daily e-mail go exactly once.
        builder.HasIndex(d => new { d.StaffUserId, d.Day }).IsUnique();
        builder.HasIndex(d => d.Day);
    }
}
