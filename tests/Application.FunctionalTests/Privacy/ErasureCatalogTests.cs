using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;
using VirtuOps.Infrastructure.Jobs;
using VirtuOps.Infrastructure.Privacy;

namespace Application.FunctionalTests.Privacy;

/// <summary>
/// Every entity of the data model (Identity's tables included) must say what an erasure does to it, so a new table
/// of personal data cannot be forgotten by the purge.
/// </summary>
public sealed class ErasureCatalogTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task Every_entity_of_the_data_model_is_purged_kept_anonymised_or_not_personal()
    {
        var unclassified = await factory.QueryDatabaseAsync(db => Task.FromResult(ErasureCatalog.Unclassified(db.Model)));

        unclassified.ShouldBeEmpty();
        ErasureCatalog.Rules.Where(r => r.Treatment != ErasureTreatment.Purge).ShouldAllBe(r => r.Reason.Length > 0);
    }

    [Fact]
    public void An_entity_the_catalog_does_not_know_fails_the_check_by_name()
    {
        using var context = new ModelWithAStrayEntity();

        ErasureCatalog.Unclassified(context.Model).ShouldBe([nameof(StrayNote)]);
    }

    [Fact]
    public async Task The_purge_runs_hourly_by_default_and_catches_up_once_after_a_misfire()
    {
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (ICronTrigger)(await scheduler.GetTrigger(PurgeErasuresJob.TriggerKey))!;

        trigger.CronExpressionString.ShouldBe("0 15 * * * ?");
        trigger.MisfireInstruction.ShouldBe(CronTriggerMisfireInstruction.FireAndProceed);
    }

    [Theory]
    [InlineData("Privacy:ErasureGracePeriod", "31.00:00:00")]
    [InlineData("Privacy:ErasureGracePeriod", "00:00:00")]
    [InlineData("Privacy:PurgeCron", "every hour")]
    public void An_invalid_erasure_setting_stops_the_app_from_starting(string key, string value)
    {
        var app = factory.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        Should.Throw<OptionsValidationException>(() => app.Services).Message.ShouldContain(key.Split(':')[1]);
    }

    private sealed class StrayNote
    {
        public Guid Id { get; set; }

        public string Text { get; set; } = string.Empty;
    }

    /// <summary>The real model plus one entity nobody classified.</summary>
    private sealed class ModelWithAStrayEntity()
        : ApplicationDbContext(new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").Options, new CurrentTenant(NoCurrentUser.Instance))
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<StrayNote>();
        }
    }
}
