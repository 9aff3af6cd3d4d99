using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data.Interceptors;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PlanCode).HasMaxLength(Subscription.PlanCodeMaxLength).IsRequired();
        builder.Property(s => s.PendingPlanCode).HasMaxLength(Subscription.PlanCodeMaxLength);
        // Two billing runs (or a run and a callback) settling one renewal: the second write fails instead of
        // renewing twice or undoing the first.
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(s => s.CurrentPeriodEnd).IsConcurrencyToken();
        builder.Property(s => s.FailedAttempts).IsConcurrencyToken();
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.Property(s => s.LastModifiedBy).HasMaxLength(64);
        // One subscription per tenant.
        builder.HasIndex(s => s.TenantId).IsUnique();
        builder.HasIndex(s => new { s.Status, s.CurrentPeriodEnd });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentMethodConfiguration : IEntityTypeConfiguration<PaymentMethod>
{
    public void Configure(EntityTypeBuilder<PaymentMethod> builder)
    {
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.EncryptedToken).HasMaxLength(1024).IsRequired();
        builder.Property(p => p.MaskedPan).HasMaxLength(32).IsRequired();
        builder.Property(p => p.CardType).HasMaxLength(16).IsRequired();
        builder.Property(p => p.ExpiryYyMm).HasMaxLength(4).IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(64);
        builder.Property(p => p.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(p => p.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.PeriodKey).HasMaxLength(32).IsRequired();
        builder.Property(c => c.IdempotencyKey).HasMaxLength(80).IsRequired();
        builder.Property(c => c.PlanCode).HasMaxLength(Subscription.PlanCodeMaxLength).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        // Two runs that both created a receipt for one attempt: only the first stored id is paid, the other run's save is refused.
        builder.Property(c => c.TransactionId).IsConcurrencyToken();
        builder.Property(c => c.TransactionId).HasMaxLength(100);
        builder.Property(c => c.FailureCode).HasMaxLength(64);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.LastModifiedBy).HasMaxLength(64);
        // Two runs of the job racing for one attempt: the second insert fails instead of charging again.
        builder.HasIndex(c => c.IdempotencyKey).IsUnique();
        // Whatever happens, at most one paid charge per subscription and period.
        builder.HasIndex(c => new { c.SubscriptionId, c.PeriodKey }).IsUnique().HasFilter("[Status] = 'Succeeded'")
            .HasDatabaseName("IX_Charges_OnePaidChargePerPeriod");
        // The back-office's charge list across tenants, newest attempt first, paged by (AttemptedAt, Id).
        builder.HasIndex(c => new { c.AttemptedAt, c.Id });
        builder.HasOne<Subscription>().WithMany().HasForeignKey(c => c.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CheckoutSessionConfiguration : IEntityTypeConfiguration<CheckoutSession>
{
    public void Configure(EntityTypeBuilder<CheckoutSession> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.PaylovSessionId).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(16);
        // Of two requests confirming one SMS code, only the one whose save claims the binding sends it to Paylov.
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(c => c.PlanCode).HasMaxLength(Subscription.PlanCodeMaxLength).IsRequired();
        builder.Property(c => c.FailureReason).HasMaxLength(200);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(c => c.PaylovSessionId).IsUnique();
    }
}

internal sealed class FiscalReceiptRecordConfiguration : IEntityTypeConfiguration<FiscalReceiptRecord>
{
    public void Configure(EntityTypeBuilder<FiscalReceiptRecord> builder)
    {
        builder.ToTable("FiscalReceipts");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.ReceiptId).HasMaxLength(100);
        builder.Property(r => r.FiscalSign).HasMaxLength(100);
        builder.Property(r => r.Url).HasMaxLength(500);
        builder.Property(r => r.CreatedBy).HasMaxLength(64);
        builder.Property(r => r.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(r => r.ChargeId).IsUnique();
        builder.HasIndex(r => r.EmailedAt);
        builder.HasOne<Charge>().WithMany().HasForeignKey(r => r.ChargeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageUsageConfiguration : IEntityTypeConfiguration<MessageUsage>
{
    public void Configure(EntityTypeBuilder<MessageUsage> builder)
    {
        builder.ToTable(MessageUsageSql.Table);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Month).HasMaxLength(MessageUsage.MonthLength).IsRequired();
        // One row per tenant and month: the upsert that counts answers relies on it.
        builder.HasIndex(u => new { u.TenantId, u.Month }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
