using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;

namespace Export.Benchmarks;

internal sealed record BenchTenant(Guid TenantId, Guid OwnerId, IReadOnlyList<Guid> ConversationIds, Guid TemplateMessageId);

/// <summary>
/// One tenant: an owner, a bot, contacts with a conversation each (through the DbContext), then messages by raw batched
/// INSERTs copied from one message the domain created, so a million rows take seconds, not minutes.
/// </summary>
internal static class Seeder
{
    private static readonly string[] Texts =
    [
        "Assalomu alaykum! Buyurtmam qachon yetib keladi? Raqami 4711.",
        "Здравствуйте, можно ли вернуть товар, если коробка вскрыта?",
        "Ha, Toshkent bo‘ylab 1–2 kunda yetkazamiz. Yana savollaringiz bormi?",
        "Hello, do you deliver to Samarkand on weekends?",
    ];

    private static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();

    public static async Task<BenchTenant> SeedTenantAsync(IServiceProvider services, int conversations)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var tenant = Tenant.Create("Bench export shop");
        db.Tenants.Add(tenant);
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenant.Id);

        const string email = "owner@export-bench.virtuops.uz";
        var owner = new ApplicationUser
        {
            Id = Guid.CreateVersion7(), TenantId = tenant.Id, FullName = "Bench Owner", UserName = email, NormalizedUserName = email.ToUpperInvariant(),
            Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(owner);
        var ownerRole = await db.Roles.Where(r => r.Name == Roles.Owner).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = owner.Id, RoleId = ownerRole });
        var bot = Bot.Create("Bench bot", "Salom!", "Operator javob beradi.", Guid.NewGuid().ToString("N"));
        db.Bots.Add(bot);
        await db.SaveChangesAsync();

        var now = DateTimeOffset.UtcNow;
        var conversationIds = new List<Guid>(conversations);
        Message? template = null;
        for (var i = 0; i < conversations; i++)
        {
            var contact = Contact.Create(tenant.Id, Channel.Telegram, (700_000_000 + i).ToString(CultureInfo.InvariantCulture), $"Mijoz {i}");
            var conversation = Conversation.Start(bot, contact, now);
            db.Contacts.Add(contact);
            db.Conversations.Add(conversation);
            conversationIds.Add(conversation.Id);
            if (template is null)
                db.Messages.Add(template = conversation.Receive(Texts[0], now, null));
        }

        await db.SaveChangesAsync();
        return new BenchTenant(tenant.Id, owner.Id, conversationIds, template!.Id);
    }

    /// <summary>Adds messages (spread over the conversations, a second apart) until the tenant has <paramref name="total"/>.</summary>
    public static async Task AddMessagesAsync(string connectionString, BenchTenant tenant, int total)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var existing = Convert.ToInt32(await Scalar(connection, "SELECT COUNT(*) FROM Messages"), CultureInfo.InvariantCulture);

        // The column list and every value but the ones set per row come from the message the domain created.
        var columns = new List<string>();
        var values = new List<object?>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT * FROM Messages WHERE Id = $id";
            read.Parameters.AddWithValue("$id", tenant.TemplateMessageId.ToString().ToUpperInvariant());
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                throw new InvalidOperationException("The template message was not stored.");
            for (var c = 0; c < reader.FieldCount; c++)
            {
                columns.Add(reader.GetName(c));
                values.Add(reader.IsDBNull(c) ? null : reader.GetValue(c));
            }
        }

        var start = DateTimeOffset.UtcNow.AddYears(-1);
        const int perTransaction = 50_000;
        for (var first = existing; first < total; first += perTransaction)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO Messages ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, c) => $"$p{c}"))})";
            // Each parameter binds as its value's type (text, integer, real), as EF wrote the template.
            var parameters = columns.Select((_, c) => insert.Parameters.AddWithValue($"$p{c}", values[c] ?? DBNull.Value)).ToArray();
            insert.Prepare();
            for (var i = first; i < Math.Min(first + perTransaction, total); i++)
            {
                var at = Time.ConvertToProvider(start.AddSeconds(i))!;
                for (var c = 0; c < columns.Count; c++)
                {
                    parameters[c].Value = columns[c] switch
                    {
                        "Id" => Guid.CreateVersion7().ToString().ToUpperInvariant(),
                        "ConversationId" => tenant.ConversationIds[i % tenant.ConversationIds.Count].ToString().ToUpperInvariant(),
                        "Text" => $"{Texts[i % Texts.Length]} #{i}",
                        "SentAt" or "Created" or "LastModified" => at,
                        _ => parameters[c].Value,
                    };
                }

                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    public static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
