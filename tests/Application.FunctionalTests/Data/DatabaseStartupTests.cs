using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.Data;

public sealed class DatabaseStartupTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task Start_up_migrates_the_embedded_database_and_turns_on_write_ahead_logging()
    {
        _ = factory.Server; // starting the host initialises the database

        var pending = await factory.QueryDatabaseAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var journalMode = await factory.QueryDatabaseAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());

        pending.ShouldBeEmpty();
        journalMode.ShouldBe(["wal"]);
    }

    [Fact]
    public async Task The_demo_seed_fills_an_empty_database_once()
    {
        _ = factory.Server;
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);

        (await factory.QueryDatabaseAsync(db => db.Tenants.CountAsync())).ShouldBe(DemoDataSeeder.GeneratedTenantCount + 1);
        (await factory.QueryDatabaseAsync(db => db.Tenants.CountAsync(t => t.Name == DemoDataSeeder.DemoTenantName))).ShouldBe(1);
        (await factory.QueryDatabaseAsync(db => db.DemoRequests.CountAsync())).ShouldBe(DemoDataSeeder.GeneratedDemoRequestCount);
        (await factory.QueryDatabaseAsync(db => db.Users.CountAsync(u => u.Email == DemoDataSeeder.DemoOwnerEmail))).ShouldBe(1);
    }
}
