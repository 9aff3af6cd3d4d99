using VirtuOps.Domain.AccessLogs;

namespace Domain.UnitTests.AccessLogs;

public sealed class AccessLogEntryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private static AccessLogEntry Record(string? userAgent = null, string path = "/api/system/status") =>
        AccessLogEntry.Record(At, "203.0.113.7", userAgent, "Chrome 142", "Windows 10/11", "Desktop", "GET", path, 200, null, null);

    [Fact]
    public void Client_supplied_text_longer_than_its_column_is_cut_to_fit()
    {
        var entry = Record(userAgent: new string('a', 5000), path: "/api/" + new string('p', 5000));

        entry.UserAgent.ShouldBe(new string('a', AccessLogEntry.UserAgentMaxLength));
        entry.Path.Length.ShouldBe(AccessLogEntry.PathMaxLength);
    }

    [Fact]
    public void A_blank_user_agent_is_stored_as_none()
    {
        Record(userAgent: "  ").UserAgent.ShouldBeNull();
    }

    [Fact]
    public void The_id_is_a_version_7_guid_from_the_time_of_the_request()
    {
        var earlier = AccessLogEntry.Record(At.AddSeconds(-1), null, null, "Other", "Other", "Other", "GET", "/api/x", 200, null, null);
        var entry = Record();

        entry.Id.Version.ShouldBe(7);
        earlier.Id.ShouldBeLessThan(entry.Id);
    }
}
