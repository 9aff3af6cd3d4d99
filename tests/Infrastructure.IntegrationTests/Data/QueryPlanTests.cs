using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VirtuOps.Application.Channels.Delivery;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Conversations.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Infrastructure.Data;

namespace Infrastructure.IntegrationTests.Data;

/// <summary>
/// The tenant filter on every query must not lead SQLite through all of a tenant's rows: the per-message queries of
/// the webhook and delivery paths use the conversation's or the provider id's index, on a new database (assumed
/// statistics) and after ANALYZE has measured a real one.
/// </summary>
public sealed class QueryPlanTests : IDisposable
{
    private static readonly Guid TenantId = Guid.CreateVersion7();
    private readonly SqliteTestDatabase _database = new();
    private readonly CapturedCommands _captured = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Per_message_queries_use_the_conversation_or_provider_index_on_a_new_database()
    {
        await using var context = await PreparedContextAsync(seedMessages: 0);

        var plans = await PlansOfHotQueriesAsync(context);

        plans["a conversation's newest messages"].ShouldContain("IX_Messages_ConversationId_SentAt");
        plans["the message a status webhook is about"].ShouldContain("IX_Messages_ExternalMessageId");
        plans["a customer's current conversation"].ShouldContain("IX_Conversations_BotId_ContactId");
        plans["promoting a conversation's next pending message"].ShouldContain("IX_Messages_Pending_ConversationId_SentAt");
        plans.Values.ShouldAllBe(plan => !plan.Contains("(TenantId=?)"));
    }

    [Fact]
    public async Task Per_message_queries_keep_their_index_once_statistics_are_measured()
    {
        await using var context = await PreparedContextAsync(seedMessages: 2_000);
        await using (var analyze = _database.CreateContext())
        {
            // Every table measured, then the refresh as the hourly job runs it.
            await analyze.Database.ExecuteSqlRawAsync("ANALYZE;");
            await SqlitePlannerStatistics.RefreshAsync(analyze, CancellationToken.None);
        }

        var plans = await PlansOfHotQueriesAsync(context);

        plans.Values.ShouldAllBe(plan => !plan.Contains("(TenantId=?)"));
    }

    [Fact]
    public async Task Assumed_statistics_are_replaced_by_measured_ones_and_never_added_twice()
    {
        await using var context = await PreparedContextAsync(seedMessages: 0);
        await SqlitePlannerStatistics.RefreshAsync(context, CancellationToken.None);

        (await StatisticsOfAsync(context, "IX_Messages_TenantId_SentAt")).ShouldBe(["1000000 100000 10"]);

        await SeedAsync(context, 500);
        await context.Database.ExecuteSqlRawAsync("ANALYZE \"Messages\";");
        await SqlitePlannerStatistics.RefreshAsync(context, CancellationToken.None);

        var measured = await StatisticsOfAsync(context, "IX_Messages_TenantId_SentAt");
        measured.Count.ShouldBe(1);
        measured[0].ShouldStartWith("500 500");
    }

    [Fact]
    public async Task Assumed_statistics_cover_tenant_data_only_and_one_subscription_per_tenant()
    {
        await using var context = await PreparedContextAsync(seedMessages: 0);

        // A unique TenantId index: one row per tenant, so the back-office's tenant list joins the subscription by it
        // instead of building a temporary index over every subscription.
        (await StatisticsOfAsync(context, "IX_Subscriptions_TenantId")).ShouldBe(["1000000 1"]);
        // People are not tenant data in bulk: assuming thousands per tenant sent the owner look-up through every owner.
        (await StatisticsOfAsync(context, "IX_AspNetUsers_TenantId")).ShouldBeEmpty();
    }

    private async Task<SqliteApplicationDbContext> PreparedContextAsync(int seedMessages)
    {
        await using (var migrate = _database.CreateContext())
        {
            await migrate.Database.MigrateAsync();
            await SqlitePlannerStatistics.RefreshAsync(migrate, CancellationToken.None);
        }

        var context = _database.CreateContext(new TenantUser(), _captured);
        await SeedAsync(context, seedMessages);
        return context;
    }

    private static async Task SeedAsync(SqliteApplicationDbContext context, int messages)
    {
        if (messages == 0)
            return;
        // Raw rows: the model's constructors need a bot and a contact, and only the shape of the data matters here.
        var conversations = Enumerable.Range(0, 50).Select(_ => Guid.CreateVersion7()).ToList();
        await context.Database.OpenConnectionAsync();
        await context.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;");
        await using var transaction = await context.Database.BeginTransactionAsync();
        for (var i = 0; i < messages; i++)
        {
            await context.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Messages" ("Id", "TenantId", "ConversationId", "Direction", "Author", "Text", "SentAt", "DeliveryStatus", "ContentType", "Created", "LastModified")
                VALUES ({0}, {1}, {2}, 'Inbound', 'Customer', 'Salom', {3}, 'Delivered', 'Text', {3}, {3});
                """,
                Guid.CreateVersion7(), TenantId, conversations[i % conversations.Count], i);
        }

        await transaction.CommitAsync();
    }

    /// <summary>Runs the application's own queries, then asks SQLite for the plan of each statement they sent.</summary>
    private async Task<Dictionary<string, string>> PlansOfHotQueriesAsync(SqliteApplicationDbContext context)
    {
        var conversationId = Guid.CreateVersion7();
        var queries = new Dictionary<string, Func<Task>>
        {
            ["a conversation's newest messages"] = () => context.Messages.Where(m => m.ConversationId == conversationId)
                .OrderByDescending(m => m.SentAt).Take(500).ProjectToDto().ToListAsync(),
            ["the message a status webhook is about"] = () => context.Messages.FirstOrDefaultAsync(
                m => m.ExternalMessageId == "wamid.1" && m.Direction == MessageDirection.Outbound),
            ["a customer's current conversation"] = () => context.Conversations.LatestAsync(Guid.CreateVersion7(), Guid.CreateVersion7(), CancellationToken.None),
            ["promoting a conversation's next pending message"] = () => context.Messages.PromoteHeadsAsync([conversationId], DateTimeOffset.UtcNow, CancellationToken.None),
        };

        var plans = new Dictionary<string, string>();
        foreach (var (name, query) in queries)
        {
            _captured.Clear();
            await query();
            plans[name] = await PlanAsync(_captured.Single());
        }

        return plans;
    }

    private async Task<string> PlanAsync(DbCommand sent)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sent.CommandText;
        foreach (DbParameter parameter in sent.Parameters)
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value ?? DBNull.Value);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(3));
        return string.Join(" | ", lines);
    }

    private static async Task<List<string>> StatisticsOfAsync(DbContext context, string index) =>
        await context.Database.SqlQueryRaw<string>("SELECT stat AS Value FROM sqlite_stat1 WHERE idx = {0}", index).ToListAsync();

    private sealed class TenantUser : ICurrentUser
    {
        public string? Id => null;

        public Guid? UserId => null;

        public Guid? TenantId => QueryPlanTests.TenantId;

        public Guid? SessionId => null;

        public bool IsAuthenticated => true;

        public bool IsInRole(string role) => false;
    }

    /// <summary>The statements a query sent, each with its parameters.</summary>
    private sealed class CapturedCommands : DbCommandInterceptor
    {
        private readonly List<DbCommand> _commands = [];

        public void Clear() => _commands.Clear();

        public DbCommand Single() => _commands.ShouldHaveSingleItem();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Add(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _commands.Add(command);
            return ValueTask.FromResult(result);
        }
    }
}
