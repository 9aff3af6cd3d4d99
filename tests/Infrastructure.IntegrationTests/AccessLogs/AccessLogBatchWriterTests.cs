using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VirtuOps.Application.AccessLogs;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Infrastructure.AccessLogs;
using VirtuOps.Infrastructure.Data;
using VirtuOps.Infrastructure.Identity;
using Infrastructure.IntegrationTests.Data;

namespace Infrastructure.IntegrationTests.AccessLogs;

public sealed class AccessLogBatchWriterTests : IAsyncLifetime
{
    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

    private readonly SqliteTestDatabase _database = new();
    private readonly SaveRecorder _saves = new();
    private readonly FakeLogger<AccessLogBatchWriter> _log = new();
    private readonly ServiceProvider _services;
    private readonly AccessLogQueue _queue;
    private readonly AccessLogBatchWriter _writer;

    public AccessLogBatchWriterTests()
    {
        _services = new ServiceCollection()
            .AddDbContext<ApplicationDbContext, SqliteApplicationDbContext>(options => options
                .UseSqlite(_database.ConnectionString)
                .AddInterceptors(_saves))
            .AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>())
            .AddSingleton<ICurrentTenant>(new CurrentTenant(NoCurrentUser.Instance))
            .BuildServiceProvider();
        _queue = new AccessLogQueue(Options.Create(new AccessLogOptions()), TimeProvider.System, NullLogger<AccessLogQueue>.Instance);
        _writer = new AccessLogBatchWriter(_queue, _services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, _log);
    }

    /// <summary>Records each save's row count, and lets a test await the first one.</summary>
    private sealed class SaveRecorder : SaveChangesInterceptor
    {
        public List<int> RowCounts { get; } = [];

        public TaskCompletionSource FirstSave { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            RowCounts.Add(result);
            FirstSave.TrySetResult();
            return base.SavedChangesAsync(eventData, result, cancellationToken);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private async Task CreateTablesAsync()
    {
        await using var context = _database.CreateContext();
        await context.Database.EnsureCreatedAsync();
    }

    // A bound on every wait, so a broken writer fails the test instead of hanging it.
    private static CancellationToken Soon => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    private static CapturedRequest Request(string path = "/api/system/status", string? userAgent = ChromeOnWindows, IPAddress? ip = null) =>
        new(DateTimeOffset.UtcNow, ip ?? IPAddress.Parse("203.0.113.7"), userAgent, "GET", path, 200, null, null);

    private async Task<int> StoredCountAsync()
    {
        await using var context = _database.CreateContext();
        return await context.AccessLogs.CountAsync();
    }

    [Fact]
    public async Task A_queued_request_is_stored_with_its_parsed_client_once_flushed()
    {
        await CreateTablesAsync();
        await _writer.StartAsync(CancellationToken.None);
        var userId = Guid.CreateVersion7();
        var tenantId = Guid.CreateVersion7();
        var occurredAt = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

        _queue.TryEnqueue(new CapturedRequest(occurredAt, IPAddress.Parse("::ffff:203.0.113.7"), ChromeOnWindows,
            "POST", "/api/demo-requests", 201, userId, tenantId)).ShouldBeTrue();
        await _queue.FlushAsync(Soon);

        await using var context = _database.CreateContext();
        var entry = await context.AccessLogs.SingleAsync();
        entry.OccurredAt.ShouldBe(occurredAt);
        entry.IpAddress.ShouldBe("203.0.113.7");
        entry.UserAgent.ShouldBe(ChromeOnWindows);
        (entry.Browser, entry.OperatingSystem, entry.Device).ShouldBe(("Chrome 142", "Windows 10/11", "Desktop"));
        (entry.Method, entry.Path, entry.StatusCode).ShouldBe(("POST", "/api/demo-requests", 201));
        (entry.UserId, entry.TenantId).ShouldBe((userId, tenantId));
        entry.Id.Version.ShouldBe(7);
    }

    [Fact]
    public async Task A_backlog_is_written_in_batches_of_at_most_200_with_one_save_each()
    {
        await CreateTablesAsync();
        for (var i = 0; i < 450; i++)
            _queue.TryEnqueue(Request()).ShouldBeTrue();

        await _writer.StartAsync(CancellationToken.None);
        await _queue.FlushAsync(Soon);

        _saves.RowCounts.ShouldBe([200, 200, 50]);
        (await StoredCountAsync()).ShouldBe(450);
    }

    [Fact]
    public async Task An_entry_is_written_within_the_batch_window_without_a_flush()
    {
        await CreateTablesAsync();
        await _writer.StartAsync(CancellationToken.None);

        _queue.TryEnqueue(Request());

        await _saves.FirstSave.Task.WaitAsync(Soon);
        _saves.RowCounts.ShouldBe([1]);
    }

    [Fact]
    public async Task A_failed_batch_is_logged_and_the_writer_carries_on()
    {
        // No tables yet: the first batch cannot be stored.
        await _writer.StartAsync(CancellationToken.None);
        _queue.TryEnqueue(Request("/api/lost"));
        await _queue.FlushAsync(Soon);

        _log.Collector.GetSnapshot().ShouldContain(record => record.Level == LogLevel.Error && record.Exception != null);

        await CreateTablesAsync();
        _queue.TryEnqueue(Request("/api/kept"));
        await _queue.FlushAsync(Soon);

        await using var context = _database.CreateContext();
        (await context.AccessLogs.Select(e => e.Path).ToListAsync()).ShouldBe(["/api/kept"]);
    }

    [Fact]
    public async Task What_is_queued_when_the_host_stops_is_still_stored()
    {
        await CreateTablesAsync();
        await _writer.StartAsync(CancellationToken.None);
        _queue.TryEnqueue(Request());
        _queue.TryEnqueue(Request());

        await _writer.StopAsync(CancellationToken.None);

        (await StoredCountAsync()).ShouldBe(2);
    }
}
