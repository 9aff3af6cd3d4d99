using Application.FunctionalTests.AccessLogs;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Application.Retention.Commands.PurgeExpiredData;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Domain.Billing;
using VirtuOps.Domain.Channels;
using VirtuOps.Domain.Common;
using VirtuOps.Domain.Conversations;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Domain.Verification;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Jobs;

namespace Application.FunctionalTests.Retention;

/// <summary>The nightly retention purge: old rows of each kind go, fresh ones (and unprocessed webhooks) stay.</summary>
public sealed class RetentionPurgeTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private DateTimeOffset Now => factory.Time.GetUtcNow();

    private async Task<PurgedData> RunPurgeJobAsync()
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new PurgeScheduleTests.JobCompletion();
        scheduler.ListenerManager.AddJobListener(job, [Matchers.Key(PurgeExpiredDataJob.Key)]);
        try
        {
            await scheduler.TriggerJob(PurgeExpiredDataJob.Key);
            return (PurgedData)(await job.Executed.WaitAsync(TimeSpan.FromSeconds(30))).Result!;
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(job.Name);
        }
    }

    private async Task<(Guid TenantId, Guid OwnerId, Guid BotId)> OwnerAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var bot = await BotTestData.CreateBotAsync(owner);
        var user = await factory.QueryDatabaseAsync(db => db.Users.SingleAsync(u => u.Email == email));
        return (user.TenantId!.Value, user.Id, bot.Id);
    }

    private Task<List<Guid>> RemainingAsync<T>(Func<ApplicationDbContext, IQueryable<T>> rows, IEnumerable<Guid> ids) where T : BaseEntity
    {
        var seeded = ids.ToList();
        return factory.QueryDatabaseAsync(db => rows(db).Where(e => seeded.Contains(e.Id)).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task Webhook_payloads_go_thirty_days_after_processing_and_never_before_they_are_processed()
    {
        var (_, _, botId) = await OwnerAsync("webhooks@example.uz", "+998901000801");
        var connectionId = await ChannelTestData.ConnectAsync(factory, botId, Channel.Telegram);
        var connection = await factory.QueryDatabaseAsync(db => db.ChannelConnections.IgnoreQueryFilters().SingleAsync(c => c.Id == connectionId));
        InboundEvent Event(string id, int receivedDaysAgo, Action<InboundEvent, DateTimeOffset>? finish = null, int finishedDaysAgo = 0)
        {
            var inboundEvent = InboundEvent.Receive(connection, id, InboundEventKind.Message, """{"update_id":1}""", Now.AddDays(-receivedDaysAgo));
            finish?.Invoke(inboundEvent, Now.AddDays(-finishedDaysAgo));
            return inboundEvent;
        }

        var processedLongAgo = Event("processed-old", 45, (e, at) => e.Processed(at), 40);
        var ignoredLongAgo = Event("ignored-old", 45, (e, at) => e.Ignore("echo", at), 40);
        var failedLongAgo = Event("failed-old", 45, (e, at) => { for (var i = 0; i < InboundEvent.MaxAttempts; i++) e.AttemptFailed("boom", at); }, 31);
        var processedRecently = Event("processed-recent", 45, (e, at) => e.Processed(at), 29);
        var stillPending = Event("pending-old", 45);
        var retriedPending = Event("retried-old", 45, (e, at) => e.AttemptFailed("boom", at), 40);
        await factory.QueryDatabaseAsync(db =>
        {
            db.InboundEvents.AddRange(processedLongAgo, ignoredLongAgo, failedLongAgo, processedRecently, stillPending, retriedPending);
            return db.SaveChangesAsync();
        });

        var purged = await RunPurgeJobAsync();

        purged.WebhookEvents.ShouldBe(3);
        (await RemainingAsync(db => db.InboundEvents.IgnoreQueryFilters(),
                [processedLongAgo.Id, ignoredLongAgo.Id, failedLongAgo.Id, processedRecently.Id, stillPending.Id, retriedPending.Id]))
            .ShouldBe([processedRecently.Id, stillPending.Id, retriedPending.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task One_time_codes_go_a_day_after_they_expired_used_or_not()
    {
        var (_, ownerId, _) = await OwnerAsync("codes@example.uz", "+998901000802");
        var usedLongAgo = OneTimeCode.Issue(ownerId, OneTimeCodePurpose.SignIn, "+998901000802", "hash", Now.AddDays(-2));
        usedLongAgo.Check("123456", Now.AddDays(-2), (_, _) => true).ShouldBe(CodeCheckResult.Accepted);
        var expiredLongAgo = OneTimeCode.Issue(ownerId, OneTimeCodePurpose.SignIn, "+998901000802", "hash", Now.AddDays(-1).AddMinutes(-10));
        var expiredToday = OneTimeCode.Issue(ownerId, OneTimeCodePurpose.SignIn, "+998901000802", "hash", Now.AddHours(-2));
        var live = OneTimeCode.Issue(ownerId, OneTimeCodePurpose.SignIn, "+998901000802", "hash", Now.AddMinutes(-1));
        await factory.QueryDatabaseAsync(db =>
        {
            db.OneTimeCodes.AddRange(usedLongAgo, expiredLongAgo, expiredToday, live);
            return db.SaveChangesAsync();
        });

        await RunPurgeJobAsync();

        (await RemainingAsync(db => db.OneTimeCodes, [usedLongAgo.Id, expiredLongAgo.Id, expiredToday.Id, live.Id]))
            .ShouldBe([expiredToday.Id, live.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Checkout_sessions_go_ninety_days_after_they_were_started_finished_or_abandoned()
    {
        var (tenantId, ownerId, _) = await OwnerAsync("checkout@example.uz", "+998901000803");
        CheckoutSession Session(string paylovId, Action<CheckoutSession>? finish = null)
        {
            var session = CheckoutSession.Start(CheckoutPurpose.Subscribe, "start", 9_900_000, ownerId);
            session.OpenedAtPaylov(paylovId);
            finish?.Invoke(session);
            return session;
        }

        var completedLongAgo = Session("ps-completed-old", s => s.Complete());
        var failedLongAgo = Session("ps-failed-old", s => s.Fail("declined"));
        var abandonedLongAgo = Session("ps-abandoned-old");
        var completedRecently = Session("ps-completed-recent", s => s.Complete());
        var pendingRecently = Session("ps-pending-recent");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Use(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.CheckoutSessions.AddRange(completedLongAgo, failedLongAgo, abandonedLongAgo, completedRecently, pendingRecently);
            await db.SaveChangesAsync();
        }

        await StartedDaysAgoAsync(db => db.CheckoutSessions.IgnoreQueryFilters(), 91, completedLongAgo.Id, failedLongAgo.Id, abandonedLongAgo.Id);
        await StartedDaysAgoAsync(db => db.CheckoutSessions.IgnoreQueryFilters(), 89, completedRecently.Id, pendingRecently.Id);

        await RunPurgeJobAsync();

        (await RemainingAsync(db => db.CheckoutSessions.IgnoreQueryFilters(),
                [completedLongAgo.Id, failedLongAgo.Id, abandonedLongAgo.Id, completedRecently.Id, pendingRecently.Id]))
            .ShouldBe([completedRecently.Id, pendingRecently.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Demo_requests_go_after_the_configured_period()
    {
        var oldRequest = DemoRequest.Submit("Aziz Karimov", "aziz@example.uz", "Oila Market", null, null);
        var recentRequest = DemoRequest.Submit("Dilnoza Rahimova", "dilnoza@example.uz", "Baraka", null, null);
        await factory.QueryDatabaseAsync(db =>
        {
            db.DemoRequests.AddRange(oldRequest, recentRequest);
            return db.SaveChangesAsync();
        });
        await StartedDaysAgoAsync(db => db.DemoRequests, 181, oldRequest.Id);
        await StartedDaysAgoAsync(db => db.DemoRequests, 179, recentRequest.Id);

        await RunPurgeJobAsync();

        (await RemainingAsync(db => db.DemoRequests, [oldRequest.Id, recentRequest.Id])).ShouldBe([recentRequest.Id]);
    }

    [Fact]
    public async Task A_removed_agents_access_log_entries_go_while_current_users_and_anonymous_ones_stay()
    {
        var (tenantId, ownerId, _) = await OwnerAsync("team@example.uz", "+998901000804");
        var agentId = Guid.CreateVersion7();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IIdentityService>();
            await identity.CreateUserAsync(agentId, tenantId, "Agent Ali", "agent@example.uz", "Kuchli-parol-2026", null, Roles.Agent, CancellationToken.None);
            await identity.DeleteUserAsync(agentId, CancellationToken.None);
        }

        AccessLogEntry Entry(Guid? userId, string path) =>
            AccessLogEntry.Record(Now.AddMinutes(-5), "203.0.113.7", null, "Other", "Other", "Other", "GET", path, 200, userId, tenantId);
        var removedAgents = Enumerable.Range(0, PurgeExpiredDataCommandHandler.BatchSize + 1).Select(i => Entry(agentId, $"/api/agent/{i}")).ToList();
        var owners = Entry(ownerId, "/api/owner");
        var anonymous = Entry(null, "/api/anonymous");
        await factory.QueryDatabaseAsync(db =>
        {
            db.AccessLogs.AddRange(removedAgents.Append(owners).Append(anonymous));
            return db.SaveChangesAsync();
        });

        var purged = await RunPurgeJobAsync();

        purged.RemovedUsersAccessLogs.ShouldBe(removedAgents.Count);
        (await RemainingAsync(db => db.AccessLogs, [.. removedAgents.Select(e => e.Id), owners.Id, anonymous.Id]))
            .ShouldBe([owners.Id, anonymous.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task A_large_backlog_is_deleted_in_short_turns_of_the_database_writer()
    {
        var writer = new RecordingWriter();
        await using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            var shared = services.Single(d => d.ServiceType == typeof(IDatabaseWriter));
            services.Remove(shared);
            services.AddSingleton<IDatabaseWriter>(sp => writer.Around((IDatabaseWriter)shared.ImplementationFactory!(sp)));
        }));
        var removedUserId = Guid.CreateVersion7();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            db.AccessLogs.AddRange(Enumerable.Range(0, 2 * PurgeExpiredDataCommandHandler.BatchSize + 1).Select(i =>
                AccessLogEntry.Record(Now.AddDays(-1), null, null, "Other", "Other", "Other", "GET", $"/api/backlog/{i}", 200, removedUserId, null)));
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredDataCommand());

        // Each turn commits on its own: webhooks get the writer in between, and a crash keeps what was deleted so far.
        writer.RowsPerTurn.ShouldBe([PurgeExpiredDataCommandHandler.BatchSize, PurgeExpiredDataCommandHandler.BatchSize, 1]);
    }

    /// <summary>Passes every write to the app's writer and records what each turn returned (rows deleted).</summary>
    private sealed class RecordingWriter : IDatabaseWriter
    {
        private IDatabaseWriter _inner = null!;

        public List<object?> RowsPerTurn { get; } = [];

        public RecordingWriter Around(IDatabaseWriter inner)
        {
            _inner = inner;
            return this;
        }

        public async Task<T> RunExclusiveAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
        {
            var result = await _inner.RunExclusiveAsync(write, cancellationToken);
            RowsPerTurn.Add(result);
            return result;
        }
    }

    [Fact]
    public async Task A_second_run_finds_nothing_more_to_delete()
    {
        await RunPurgeJobAsync();

        (await RunPurgeJobAsync()).ShouldBe(new PurgedData(0, 0, 0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public async Task The_purge_runs_daily_at_half_past_three_by_default_and_follows_the_configured_cron()
    {
        (await PurgeTriggerAsync(factory)).CronExpressionString.ShouldBe("0 30 3 * * ?");
        var app = factory.WithWebHostBuilder(builder => builder.UseSetting("Privacy:RetentionCron", "0 15 2 ? * SUN"));

        var configured = await PurgeTriggerAsync(app);

        configured.CronExpressionString.ShouldBe("0 15 2 ? * SUN");
        configured.MisfireInstruction.ShouldBe(CronTriggerMisfireInstruction.FireAndProceed);
    }

    [Theory]
    [InlineData("Privacy:RetentionCron", "nightly", "RetentionCron")]
    [InlineData("Privacy:DemoRequestRetentionDays", "0", "DemoRequestRetentionDays")]
    [InlineData("Privacy:CheckoutSessionRetentionDays", "3651", "CheckoutSessionRetentionDays")]
    [InlineData("Channels:Inbound:RetentionDays", "6", "RetentionDays")]
    public void An_invalid_retention_setting_stops_the_app_from_starting(string key, string value, string named)
    {
        var app = factory.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        Should.Throw<OptionsValidationException>(() => app.Services).Message.ShouldContain(named);
    }

    private static async Task<ICronTrigger> PurgeTriggerAsync(WebApplicationFactory<Program> app)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.GetJobDetail(PurgeExpiredDataJob.Key)).ShouldNotBeNull().ConcurrentExecutionDisallowed.ShouldBeTrue();
        return (await scheduler.GetTrigger(PurgeExpiredDataJob.TriggerKey)).ShouldBeAssignableTo<ICronTrigger>().ShouldNotBeNull();
    }

    /// <summary>Back-dates rows' creation stamp, which the app sets to the moment of saving.</summary>
    private Task<int> StartedDaysAgoAsync<T>(Func<ApplicationDbContext, IQueryable<T>> rows, int days, params Guid[] ids) where T : BaseAuditableEntity
    {
        var at = Now.AddDays(-days);
        return factory.QueryDatabaseAsync(db => rows(db).Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Created, at)));
    }
}
