using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Partners;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.ReferralCode).HasMaxLength(Partner.ReferralCodeLength).IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.Property(p => p.LastModifiedBy).HasMaxLength(64);
        // One partner per tenant; a code names one partner.
        builder.HasIndex(p => p.TenantId).IsUnique();
        builder.HasIndex(p => p.ReferralCode).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => r.TenantId);
        // First touch wins: a tenant is referred once.
        builder.HasIndex(r => r.ReferredTenantId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.ReferredTenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PartnerLedgerEntryConfiguration : IEntityTypeConfiguration<PartnerLedgerEntry>
{
    public void Configure(EntityTypeBuilder<PartnerLedgerEntry> builder)
    {
        builder.ToTable("PartnerLedger");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.EntryKey).HasMaxLength(PartnerLedgerEntry.EntryKeyMaxLength).IsRequired();
        // A charge accrues once, is reversed once; a payout is held once and returned once.
        builder.HasIndex(e => e.EntryKey).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt });
        builder.HasIndex(e => e.ChargeId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
