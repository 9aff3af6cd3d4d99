using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Domain.AccessLogs;
using VirtuOps.Infrastructure.Jobs;

namespace Application.FunctionalTests.AccessLogs;

public sealed class PurgeScheduleTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private static async Task<ICronTrigger> PurgeTriggerAsync(WebApplicationFactory<Program> app)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = await scheduler.GetJobDetail(PurgeExpiredAccessLogsJob.Key);
        job.ShouldNotBeNull().ConcurrentExecutionDisallowed.ShouldBeTrue();
        var trigger = (await scheduler.GetTrigger(PurgeExpiredAccessLogsJob.TriggerKey)).ShouldBeAssignableTo<ICronTrigger>();
        trigger.ShouldNotBeNull().JobKey.ShouldBe(PurgeExpiredAccessLogsJob.Key);
        return trigger;
    }

    /// <summary>Completes with the job's execution context once the job has run.</summary>
    internal sealed class JobCompletion : IJobListener
    {
        private readonly TaskCompletionSource<IJobExecutionContext> _executed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => nameof(JobCompletion);

        public Task<IJobExecutionContext> Executed => _executed.Task;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            if (jobException is null)
                _executed.TrySetResult(context);
            else
                _executed.TrySetException(jobException);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Running_the_purge_job_deletes_expired_entries_through_the_app()
    {
        static AccessLogEntry Entry(int daysAgo, string path) => AccessLogEntry.Record(
            DateTimeOffset.UtcNow.AddDays(-daysAgo), "203.0.113.7", null, "Other", "Other", "Other", "GET", path, 200, null, null);
        await factory.QueryDatabaseAsync(db =>
        {
            db.AccessLogs.AddRange(Entry(400, "/api/expired"), Entry(1, "/api/recent"));
            return db.SaveChangesAsync();
        });
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new JobCompletion();
        scheduler.ListenerManager.AddJobListener(job, [Matchers.Key(PurgeExpiredAccessLogsJob.Key)]);

        await scheduler.TriggerJob(PurgeExpiredAccessLogsJob.Key);

        (await job.Executed.WaitAsync(TimeSpan.FromSeconds(10))).Result.ShouldBe(1);
        (await factory.QueryDatabaseAsync(db => db.AccessLogs.Select(e => e.Path).ToListAsync())).ShouldBe(["/api/recent"]);
    }

    [Fact]
    public async Task The_purge_runs_daily_at_three_by_default_and_catches_up_once_after_a_misfire()
    {
        var trigger = await PurgeTriggerAsync(factory);

        trigger.CronExpressionString.ShouldBe("0 0 3 * * ?");
        trigger.MisfireInstruction.ShouldBe(CronTriggerMisfireInstruction.FireAndProceed);
    }

    [Fact]
    public async Task The_purge_follows_the_configured_cron()
    {
        var app = factory.WithWebHostBuilder(builder => builder.UseSetting("AccessLogs:PurgeCron", "0 30 4 ? * MON"));

        (await PurgeTriggerAsync(app)).CronExpressionString.ShouldBe("0 30 4 ? * MON");
    }

    [Theory]
    [InlineData("AccessLogs:PurgeCron", "every night")]
    [InlineData("AccessLogs:RetentionDays", "0")]
    [InlineData("AccessLogs:RetentionDays", "3651")]
    public void An_invalid_access_log_setting_stops_the_app_from_starting(string key, string value)
    {
        var app = factory.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        Should.Throw<OptionsValidationException>(() => app.Services).Message.ShouldContain(key.Split(':')[1]);
    }
}
