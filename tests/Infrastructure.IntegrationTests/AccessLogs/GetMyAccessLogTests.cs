using VirtuOps.Application.Common.Exceptions;
using VirtuOps.Application.AccessLogs.Queries.GetMyAccessLog;
using VirtuOps.Application.Common.Interfaces;
using VirtuOps.Domain.AccessLogs;
using Infrastructure.IntegrationTests.Data;

namespace Infrastructure.IntegrationTests.AccessLogs;

public sealed class GetMyAccessLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Dilnoza = Guid.CreateVersion7();
    private static readonly Guid Aziz = Guid.CreateVersion7();
    private static readonly Guid Tenant = Guid.CreateVersion7();

    private readonly SqliteTestDatabase _database = new();

    private sealed class SignedInAs(string id) : ICurrentUser
    {
        public string? Id => id;

        public Guid? UserId => Guid.TryParse(id, out var userId) ? userId : null;

        public Guid? TenantId => null;

        public Guid? SessionId => null;

        public bool IsAuthenticated => true;

        public bool IsInRole(string role) => false;
    }

    public async Task InitializeAsync()
    {
        await using var context = _database.CreateContext();
        await context.Database.EnsureCreatedAsync();
        context.AccessLogs.AddRange(
            Entry(Now.AddHours(-3), "/api/first", Dilnoza),
            Entry(Now.AddHours(-1), "/api/third", Dilnoza),
            Entry(Now.AddHours(-2), "/api/second", Dilnoza),
            Entry(Now, "/api/someone-else", Aziz),
            Entry(Now, "/api/anonymous", null));
        await context.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private static AccessLogEntry Entry(DateTimeOffset at, string path, Guid? userId) =>
        AccessLogEntry.Record(at, "203.0.113.7", null, "Chrome 142", "Windows 10/11", "Desktop", "GET", path, 200, userId, Tenant);

    private async Task<VirtuOps.Application.Common.Models.CursorPage<AccessLogEntryDto>> AsUser(string id, string? cursor = null, int limit = 20)
    {
        await using var context = _database.CreateContext();
        var handler = new GetMyAccessLogQueryHandler(context, new SignedInAs(id));
        return await handler.Handle(new GetMyAccessLogQuery(cursor, limit), CancellationToken.None);
    }

    [Fact]
    public async Task A_user_sees_only_their_own_entries_newest_first()
    {
        var page = await AsUser(Dilnoza.ToString());

        page.Items.Select(e => e.Path).ShouldBe(["/api/third", "/api/second", "/api/first"]);
        page.NextCursor.ShouldBeNull();
        page.Items[0].Browser.ShouldBe("Chrome 142");
        page.Items[0].IpAddress.ShouldBe("203.0.113.7");
        (await AsUser(Aziz.ToString())).Items.ShouldHaveSingleItem().Path.ShouldBe("/api/someone-else");
    }

    [Fact]
    public async Task The_log_pages_through_the_users_entries_and_a_newer_entry_does_not_shift_the_pages()
    {
        var first = await AsUser(Dilnoza.ToString(), limit: 2);
        await using (var context = _database.CreateContext())
        {
            context.AccessLogs.Add(Entry(Now, "/api/newest", Dilnoza));
            await context.SaveChangesAsync();
        }
        var second = await AsUser(Dilnoza.ToString(), first.NextCursor, limit: 2);

        first.Items.Select(e => e.Path).ShouldBe(["/api/third", "/api/second"]);
        second.Items.ShouldHaveSingleItem().Path.ShouldBe("/api/first");
        second.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task A_principal_that_is_not_a_person_is_refused_rather_than_shown_an_empty_log()
    {
        // The authorization behaviour refuses API keys first (403); the handler itself never guesses a user.
        await Should.ThrowAsync<SignInRequiredException>(() => AsUser("api-key-7"));
    }
}
