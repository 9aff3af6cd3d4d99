using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
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
