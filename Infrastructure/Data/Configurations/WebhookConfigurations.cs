using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Webhooks;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength).IsRequired();
        builder.Property(s => s.Events).HasMaxLength(1000).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength).IsRequired();
        builder.Property(s => s.EncryptedSecret).IsRequired();
        builder.Property(s => s.DisabledReason).HasMaxLength(WebhookSubscription.DisabledReasonMaxLength);
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        builder.Property(s => s.LastModifiedBy).HasMaxLength(64);
        builder.Ignore(s => s.IsEnabled);
        builder.Ignore(s => s.EventList);
        builder.HasIndex(s => s.TenantId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(WebhookDelivery.EventTypeMaxLength).IsRequired();
        builder.Property(d => d.Payload).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.Property(d => d.CreatedBy).HasMaxLength(64);
        builder.Property(d => d.LastModifiedBy).HasMaxLength(64);
        // The worker's scan: due pending deliveries, and whether an earlier one of the same line is still pending.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.SubscriptionId, d.OrderingKey, d.Status, d.Sequence });
        // The delivery log, newest first, and the retention purge.
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
        builder.HasIndex(d => d.CreatedAt);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}
