using Microsoft.EntityFrameworkCore;
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

        public Guid? UserId => null;

        public Guid? TenantId => null;

        public Guid? SessionId => null;

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
}
