using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using VirtuOps.Application.Common.Behaviours;

namespace Application.UnitTests.Common.Behaviours;

public sealed class PerformanceBehaviourTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogger<OpenQuery> _logger = new();

    private ValueTask<string> RunTaking(TimeSpan duration) =>
        new PerformanceBehaviour<OpenQuery, string>(_logger, _time).Handle(new OpenQuery(), (_, _) =>
        {
            _time.Advance(duration);
            return ValueTask.FromResult("done");
        }, CancellationToken.None);

    [Fact]
    public async Task A_slow_message_is_reported_as_a_warning_with_its_name()
    {
        await RunTaking(PerformanceBehaviour<OpenQuery, string>.SlowThreshold + TimeSpan.FromMilliseconds(1));

        var record = _logger.Collector.GetSnapshot().ShouldHaveSingleItem();
        record.Level.ShouldBe(LogLevel.Warning);
        record.Message.ShouldContain(nameof(OpenQuery));
    }

    [Fact]
    public async Task A_fast_message_is_not_reported()
    {
        await RunTaking(TimeSpan.FromMilliseconds(10));

        _logger.Collector.Count.ShouldBe(0);
    }
}
