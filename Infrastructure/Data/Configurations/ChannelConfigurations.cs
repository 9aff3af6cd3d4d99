using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Channels;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class ChannelConnectionConfiguration : IEntityTypeConfiguration<ChannelConnection>
{
    public void Configure(EntityTypeBuilder<ChannelConnection> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.AccountId).HasMaxLength(ChannelConnection.AccountIdMaxLength).IsRequired();
        builder.Property(c => c.DisplayName).HasMaxLength(ChannelConnection.DisplayNameMaxLength).IsRequired();
        builder.Property(c => c.BusinessAccountId).HasMaxLength(ChannelConnection.AccountIdMaxLength);
        builder.Property(c => c.EncryptedCredentials).IsRequired();
        builder.Property(c => c.LastError).HasMaxLength(ChannelConnection.ErrorMaxLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.LastModifiedBy).HasMaxLength(64);
        builder.Ignore(c => c.IsConnected);
        // One live connection per provider account across the platform: a Telegram bot's webhook can point at one place only.
        builder.HasIndex(c => new { c.Channel, c.AccountId }).IsUnique().HasFilter("[DisconnectedAt] IS NULL");
        // One live connection per bot and channel: replies to a conversation go out through it.
        builder.HasIndex(c => new { c.BotId, c.Channel }).IsUnique().HasFilter("[DisconnectedAt] IS NULL");
        builder.HasOne<Bot>().WithMany().HasForeignKey(c => c.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.AccountId).HasMaxLength(ChannelConnection.AccountIdMaxLength).IsRequired();
        builder.Property(e => e.ExternalId).HasMaxLength(InboundEvent.ExternalIdMaxLength).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Payload).IsRequired();
        builder.Property(e => e.Error).HasMaxLength(InboundEvent.ErrorMaxLength);
        builder.Property(e => e.CreatedBy).HasMaxLength(64);
        builder.Property(e => e.LastModifiedBy).HasMaxLength(64);
        // The de-duplication key: a provider id is unique per provider account (Telegram update_id per bot, wamid per number).
        builder.HasIndex(e => new { e.Channel, e.AccountId, e.ExternalId }).IsUnique();
        builder.HasIndex(e => new { e.State, e.ReceivedAt });
        builder.HasOne<ChannelConnection>().WithMany().HasForeignKey(e => e.ChannelConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
