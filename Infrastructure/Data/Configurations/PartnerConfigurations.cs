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
        // Two payout requests racing for one balance: the second save is refused.
        builder.Property(p => p.PayoutRequests).IsConcurrencyToken();
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

internal sealed class PayoutAccountConfiguration : IEntityTypeConfiguration<PayoutAccount>
{
    public void Configure(EntityTypeBuilder<PayoutAccount> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.EncryptedTaxId).HasMaxLength(512).IsRequired();
        builder.Property(a => a.MaskedTaxId).HasMaxLength(16).IsRequired();
        builder.Property(a => a.CompanyName).HasMaxLength(PayoutAccount.CompanyNameMaxLength);
        builder.Property(a => a.EncryptedCardId).HasMaxLength(1024);
        builder.Property(a => a.CardMaskedPan).HasMaxLength(32);
        builder.Property(a => a.CreatedBy).HasMaxLength(64);
        builder.Property(a => a.LastModifiedBy).HasMaxLength(64);
        builder.Ignore(a => a.IsReady);
        builder.HasIndex(a => a.TenantId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        // Two approvals racing: only the first save moves it on, so only one sends it; the same for each resend.
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(p => p.SendingSince).IsConcurrencyToken();
        builder.Property(p => p.Reason).HasMaxLength(Payout.ReasonMaxLength);
        builder.Property(p => p.TransactionId).HasMaxLength(100);
        builder.Property(p => p.FailureCode).HasMaxLength(64);
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.Property(p => p.LastModifiedBy).HasMaxLength(64);
        builder.Ignore(p => p.ExternalId);
        builder.HasIndex(p => new { p.TenantId, p.RequestedAt });
        builder.HasIndex(p => new { p.RequestedAt, p.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
