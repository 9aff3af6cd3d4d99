using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.Bots;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.Privacy;
using VirtuOps.Domain.Tenants;
using VirtuOps.Infrastructure.Data;

namespace Erasure.Load;

/// <summary>
/// The tenant to erase: an owner, a bot, 1,000 customers with a conversation each, and the messages spread over them.
/// The first message of each conversation goes through EF; the rest are copies made by one SQL statement, since a
/// million inserts through the app would take longer than the benchmark, shaped like the app's own rows.
/// </summary>
internal static class ErasedTenant
{
    public const string OwnerEmail = "bench-erased-owner@example.uz";
    private const int Conversations = 1_000;

    public static async Task<Guid> SeedAsync(IServiceProvider services, int messages, TimeSpan gracePeriod)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = Tenant.Create("Bench erased shop");
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenant.Id);
        var ownerId = Guid.CreateVersion7();
        await scope.ServiceProvider.GetRequiredService<IIdentityService>()
            .CreateUserAsync(ownerId, tenant.Id, "Bench Owner", OwnerEmail, "Bench-parol-2026", "+998901234567", Roles.Owner, CancellationToken.None);

        var bot = Bot.Create("Erased bot", "Salom!", "Operator javob beradi.", Guid.NewGuid().ToString("N"));
        db.Bots.Add(bot);
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        for (var c = 0; c < Conversations; c++)
        {
            var contact = Contact.Create(tenant.Id, Channel.Widget, $"visitor-{c}", $"Mijoz {c}");
            var conversation = Conversation.Start(bot, contact, now);
            db.Contacts.Add(contact);
            db.Conversations.Add(conversation);
            db.Messages.Add(conversation.Receive($"Salom, buyurtmam {c} qachon keladi? Manzil: Chilonzor, {c}-uy", now, clientMessageId: null));
        }

        await db.SaveChangesAsync();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Messages') WHERE name <> 'Id'";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                columns.Add($"\"{reader.GetString(0)}\"");
        }

        // As the app writes them: one message a second over the last days, each in a conversation other than the one
        // before, with a version-7 id of its second (in EF's text form), so ids, rowids and SentAt all follow time.
        // SentAt is stored by DateTimeOffsetToBinaryConverter: (ticks / 1000) << 11 for a UTC time, so a second is 10,000 << 11.
        var list = string.Join(", ", columns);
        var values = string.Join(", ", columns.Select(c => c == "\"SentAt\"" ? "t.\"SentAt\" - ($copies - n.i + 1) * 20480000" : $"t.{c}"));
        await using (var copy = connection.CreateCommand())
        {
            // The templates numbered 0..999 by their key, so each copy finds its template by one lookup.
            copy.CommandText = $"""
                CREATE TEMP TABLE t AS SELECT * FROM Messages WHERE TenantId = $tenant ORDER BY Id;
                CREATE TEMP TABLE k (k INTEGER PRIMARY KEY, rid INTEGER NOT NULL);
                INSERT INTO k (k, rid) SELECT rowid - 1, rowid FROM temp.t;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $copies)
                INSERT INTO Messages (Id, {list})
                SELECT printf('%08X-%04X-7%s-8%s-%s', (ms >> 16), (ms & 65535), substr(hex(randomblob(2)), 1, 3), substr(hex(randomblob(2)), 1, 3), hex(randomblob(6))), {values}
                FROM (SELECT n.i, $nowMs - ($copies - n.i + 1) * 1000 AS ms FROM n) AS n
                JOIN temp.k AS k ON k.k = (n.i * 7919) % $conversations
                JOIN temp.t AS t ON t.rowid = k.rid;
                DROP TABLE temp.k;
                DROP TABLE temp.t;
                """;
            copy.Parameters.AddWithValue("$copies", messages - Conversations);
            copy.Parameters.AddWithValue("$conversations", Conversations);
            copy.Parameters.AddWithValue("$nowMs", now.ToUnixTimeMilliseconds());
            copy.Parameters.AddWithValue("$tenant", tenant.Id.ToString().ToUpperInvariant());
            copy.CommandTimeout = 0;
            await copy.ExecuteNonQueryAsync();
        }

        // The copy leaves a write-ahead log as large as the table; a running app would have checkpointed it long ago.
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        await db.Database.CloseConnectionAsync();

        // Asked for a grace period ago: due at the next purge.
        db.ErasureRequests.Add(ErasureRequest.Schedule(tenant.Id, ownerId, ErasureScope.Tenant, now - gracePeriod, gracePeriod, privacyRequestId: null));
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    public static async Task<int> MessagesAsync(IServiceProvider services, Guid tenantId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Messages.IgnoreQueryFilters().CountAsync(m => m.TenantId == tenantId);
    }
}
