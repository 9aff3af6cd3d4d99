using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Tenants;

namespace VirtuOps.Infrastructure.Data.Configurations;

internal sealed class BotConfiguration : IEntityTypeConfiguration<Bot>
{
    public void Configure(EntityTypeBuilder<Bot> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Name).HasMaxLength(Bot.NameMaxLength).IsRequired();
        builder.Property(b => b.Greeting).HasMaxLength(Bot.GreetingMaxLength).IsRequired();
        builder.Property(b => b.FallbackMessage).HasMaxLength(Bot.FallbackMaxLength).IsRequired();
        builder.Property(b => b.Persona).HasMaxLength(Bot.PersonaMaxLength);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.WidgetKey).HasMaxLength(64).IsRequired();
        builder.Property(b => b.CreatedBy).HasMaxLength(64);
        builder.Property(b => b.LastModifiedBy).HasMaxLength(64);
        // Lists are stored as JSON columns: they are always read and written with the bot.
        builder.PrimitiveCollection(b => b.Languages);
        builder.PrimitiveCollection(b => b.HandoffKeywords);
        builder.PrimitiveCollection(b => b.AllowedOrigins);
        builder.Property(b => b.KnowledgeVersion).IsConcurrencyToken();
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.HasIndex(b => b.WidgetKey).IsUnique();
        builder.HasIndex(b => b.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KnowledgeEntryConfiguration : IEntityTypeConfiguration<KnowledgeEntry>
{
    public void Configure(EntityTypeBuilder<KnowledgeEntry> builder)
    {
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.PrimitiveCollection(k => k.Questions);
        builder.Property(k => k.Answer).HasMaxLength(KnowledgeEntry.AnswerMaxLength).IsRequired();
        builder.Property(k => k.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(k => k.Version).IsConcurrencyToken();
        builder.Property(k => k.CreatedBy).HasMaxLength(64);
        builder.Property(k => k.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(k => k.BotId);
        builder.HasOne<Bot>().WithMany().HasForeignKey(k => k.BotId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ExternalId).HasMaxLength(Contact.ExternalIdMaxLength).IsRequired();
        builder.Property(c => c.DisplayName).HasMaxLength(Contact.DisplayNameMaxLength).IsRequired();
        builder.Property(c => c.Notes).HasMaxLength(Contact.NotesMaxLength);
        // A small bag of the tenant's own fields, read and written whole: one JSON column, compared by content.
        builder.Property(c => c.Attributes)
            .HasConversion(
                a => JsonSerializer.Serialize(a, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<Dictionary<string, string>>(json, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    a => a.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                    a => new Dictionary<string, string>(a)))
            .IsRequired()
            .HasDefaultValueSql("'{}'"); // rows from before attributes existed have none

        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.LastModifiedBy).HasMaxLength(64);
        // One contact per person per channel and tenant, even when two first messages race.
        builder.HasIndex(c => new { c.TenantId, c.Channel, c.ExternalId }).IsUnique();
        // The contacts list, newest first, paged by (Created, Id).
        builder.HasIndex(c => new { c.TenantId, c.Created, c.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(Conversation.PreviewLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(64);
        builder.Property(c => c.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(c => new { c.TenantId, c.LastMessageAt });
        builder.HasIndex(c => new { c.BotId, c.ContactId });
        builder.HasOne<Bot>().WithMany().HasForeignKey(c => c.BotId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Author).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.DeliveryStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Text).HasMaxLength(Message.TextMaxLength).IsRequired();
        builder.Property(m => m.ClientMessageId).HasMaxLength(Message.ClientMessageIdMaxLength);
        builder.Property(m => m.ContentType).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.ContentData).HasMaxLength(MessageContent.DataMaxLength);
        builder.Property(m => m.ExternalMessageId).HasMaxLength(Message.ExternalMessageIdMaxLength);
        builder.Property(m => m.DeliveryError).HasMaxLength(Message.DeliveryErrorMaxLength);
        builder.Property(m => m.CreatedBy).HasMaxLength(64);
        builder.Property(m => m.LastModifiedBy).HasMaxLength(64);
        builder.HasIndex(m => new { m.ConversationId, m.SentAt });
        // The nightly purge of a tenant's messages past its retention.
        builder.HasIndex(m => new { m.TenantId, m.SentAt });
        // A retried send with the same client id is stored once.
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique().HasFilter("[ClientMessageId] IS NOT NULL");
        // Status callbacks find our sent message by the provider's id.
        builder.HasIndex(m => m.ExternalMessageId).HasFilter("[ExternalMessageId] IS NOT NULL");
        // The delivery worker's outbox scan: the head of each conversation's queue, then pending messages by due time.
        // Only pending rows, so the scan reads the outbox and not the history, and SQLite's planner needs no statistics
        // to prefer them.
        builder.HasIndex(m => new { m.ConversationId, m.SentAt }, "IX_Messages_Pending_ConversationId_SentAt").HasFilter("[DeliveryStatus] = 'Pending'");
        builder.HasIndex(m => m.NextDeliveryAt, "IX_Messages_Pending_NextDeliveryAt").HasFilter("[DeliveryStatus] = 'Pending'");
        // The operations page counts the replies given up on lately: a few rows, never the history.
        builder.HasIndex(m => new { m.SentAt, m.ConversationId }, "IX_Messages_Failed_SentAt").HasFilter("[DeliveryStatus] = 'Failed'");
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
