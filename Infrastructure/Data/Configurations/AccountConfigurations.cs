using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.ApiKeys;
using VirtuOps.Domain.Consents;
using VirtuOps.Domain.Sessions;
using VirtuOps.Domain.Tenants;
using VirtuOps.Domain.Verification;
using VirtuOps.Infrastructure.Identity;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Action).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.DocumentVersion).HasMaxLength(ConsentRecord.DocumentVersionMaxLength).IsRequired();
        builder.Property(c => c.IpAddress).HasMaxLength(ConsentRecord.IpAddressMaxLength);
        builder.Property(c => c.UserAgent).HasMaxLength(ConsentRecord.UserAgentMaxLength);
        builder.Property(c => c.Effect).HasMaxLength(ConsentRecord.EffectMaxLength);
        builder.HasIndex(c => new { c.UserId, c.Kind, c.OccurredAt });
        builder.HasIndex(c => new { c.TenantId, c.Kind, c.OccurredAt });
    }
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.PhoneNumber).HasMaxLength(16).IsRequired();
        builder.Property(c => c.CodeHash).HasMaxLength(128).IsRequired();
        builder.HasIndex(c => new { c.UserId, c.Purpose, c.SentAt });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.IpAddress).HasMaxLength(UserSession.IpAddressMaxLength);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
        builder.HasIndex(s => new { s.UserId, s.CreatedAt });
        // Removing a user ends their sessions: the cookie is refused on its next request.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKey.PrefixLength).IsRequired();
        builder.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(64);
        builder.Property(k => k.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<Domain.Idempotency.IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<Domain.Idempotency.IdempotentRequest> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Key).HasMaxLength(Domain.Idempotency.IdempotentRequest.KeyMaxLength).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ResponseContentType).HasMaxLength(Domain.Idempotency.IdempotentRequest.ContentTypeMaxLength);
        builder.Property(r => r.ResponseLocation).HasMaxLength(Domain.Idempotency.IdempotentRequest.LocationMaxLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(64);
        builder.Property(r => r.LastModifiedBy).HasMaxLength(64);
        // The claim: two requests with one key cannot both insert, so the work runs once.
        builder.HasIndex(r => new { r.TenantId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
