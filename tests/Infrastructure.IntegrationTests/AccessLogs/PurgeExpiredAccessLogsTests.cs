using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.AccessLogs;
using VirtuOps.Application.AccessLogs.Commands.PurgeExpiredAccessLogs;
using VirtuOps.Domain.AccessLogs;
using Infrastructure.IntegrationTests.Data;

namespace Infrastructure.IntegrationTests.AccessLogs;

public sealed class PurgeExpiredAccessLogsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);

    public async Task InitializeAsync()
    {
        await using var context = _database.CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private async Task StoreEntriesAgedAsync(params TimeSpan[] ages)
    {
        await using var context = _database.CreateContext();
        foreach (var age in ages)
        {
            context.AccessLogs.Add(AccessLogEntry.Record(
                Now - age, "203.0.113.7", null, "Chrome 142", "Windows 10/11", "Desktop", "GET", "/api/system/status", 200, null, null));
        }

        await context.SaveChangesAsync();
    }

    private async Task<int> PurgeAsync(int retentionDays = 180)
    {
        await using var context = _database.CreateContext();
        var handler = new PurgeExpiredAccessLogsCommandHandler(
            context, Options.Create(new AccessLogOptions { RetentionDays = retentionDays }), _time,
            NullLogger<PurgeExpiredAccessLogsCommandHandler>.Instance);
        return await handler.Handle(new PurgeExpiredAccessLogsCommand(), CancellationToken.None);
    }

    private async Task<TimeSpan[]> AgesLeftAsync()
    {
        await using var context = _database.CreateContext();
        var times = await context.AccessLogs.OrderBy(e => e.OccurredAt).Select(e => e.OccurredAt).ToListAsync();
        return times.Select(at => Now - at).ToArray();
    }

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    [Fact]
    public async Task Entries_older_than_180_days_are_deleted_and_newer_ones_kept()
    {
        var justExpired = Days(180) + TimeSpan.FromMinutes(1);
        var almostExpired = Days(180) - TimeSpan.FromMinutes(1);
        await StoreEntriesAgedAsync(Days(400), justExpired, almostExpired, Days(1), TimeSpan.Zero);

        var deleted = await PurgeAsync();

        deleted.ShouldBe(2);
        (await AgesLeftAsync()).ShouldBe([almostExpired, Days(1), TimeSpan.Zero]);
    }

    [Fact]
    public async Task A_configured_retention_period_is_honoured()
    {
        await StoreEntriesAgedAsync(Days(31), Days(29));

        var deleted = await PurgeAsync(retentionDays: 30);

        deleted.ShouldBe(1);
        (await AgesLeftAsync()).ShouldBe([Days(29)]);
    }

    [Fact]
    public async Task An_entry_expires_as_time_passes()
    {
        await StoreEntriesAgedAsync(Days(179));

        (await PurgeAsync()).ShouldBe(0);
        _time.Advance(Days(2));
        (await PurgeAsync()).ShouldBe(1);

        (await AgesLeftAsync()).ShouldBeEmpty();
    }
}
