using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.DemoRequests;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Data.Interceptors;

namespace Infrastructure.IntegrationTests.Data;

public sealed class ApplicationDbContextTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private sealed class SignedInUser : ICurrentUser
    {
        public string? Id => "user-42";

        public bool IsAuthenticated => true;

        public bool IsInRole(string role) => false;
    }

    public void Dispose() => _database.Dispose();

    private async Task<SqliteApplicationDbContext> MigratedContextAsync()
    {
        var context = _database.CreateContext(new AuditableEntityInterceptor(new SignedInUser(), _time));
        await context.Database.MigrateAsync();
        return context;
    }

    [Fact]
    public async Task Saving_stamps_creation_and_modification_time_and_user()
    {
        await using var context = await MigratedContextAsync();
        var request = DemoRequest.Submit("Aziz Karimov", "aziz@example.uz", "Oila Market", null, null);
        context.DemoRequests.Add(request);
        await context.SaveChangesAsync();

        await using var reader = _database.CreateContext();
        var saved = await reader.DemoRequests.SingleAsync();
        saved.Created.ShouldBe(_time.GetUtcNow());
        saved.CreatedBy.ShouldBe("user-42");
        saved.LastModified.ShouldBe(_time.GetUtcNow());
    }

    [Fact]
    public async Task Sqlite_can_order_and_filter_by_time()
    {
        await using var context = await MigratedContextAsync();
        foreach (var name in new[] { "Birinchi", "Ikkinchi", "Uchinchi" })
        {
            context.DemoRequests.Add(DemoRequest.Submit(name, $"{name}@example.uz", "Oila Market", null, null));
            await context.SaveChangesAsync();
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var since = new DateTimeOffset(2026, 11, 27, 9, 0, 30, TimeSpan.Zero);
        var newestFirst = await context.DemoRequests
            .Where(r => r.Created > since)
            .OrderByDescending(r => r.Created)
            .Select(r => r.FullName)
            .ToListAsync();

        newestFirst.ShouldBe(["Uchinchi", "Ikkinchi"]);
    }

    [Fact]
    public async Task The_demo_seed_fills_an_empty_database_once()
    {
        await using var context = await MigratedContextAsync();
        var seeder = new DemoDataSeeder(context, NullLogger<DemoDataSeeder>.Instance);

        await seeder.SeedAsync(CancellationToken.None);
        await seeder.SeedAsync(CancellationToken.None);

        (await context.Tenants.CountAsync()).ShouldBe(DemoDataSeeder.GeneratedTenantCount + 1);
        (await context.Tenants.CountAsync(t => t.Name == DemoDataSeeder.DemoTenantName)).ShouldBe(1);
        (await context.DemoRequests.CountAsync()).ShouldBe(DemoDataSeeder.GeneratedDemoRequestCount);
    }

    [Fact]
    public async Task Initialising_the_embedded_database_migrates_it_and_turns_on_write_ahead_logging()
    {
        await using var context = _database.CreateContext();
        var initialiser = new ApplicationDbContextInitialiser(
            context,
            Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SeedDemoData = false }),
            new DemoDataSeeder(context, NullLogger<DemoDataSeeder>.Instance),
            NullLogger<ApplicationDbContextInitialiser>.Instance);

        await initialiser.InitialiseAsync(CancellationToken.None);

        (await context.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await context.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).ShouldBe(["wal"]);
        (await context.Tenants.CountAsync()).ShouldBe(0);
    }
}
