using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VirtuOps.Application.Common.Behaviours;
using VirtuOps.Application.Common.Exceptions;

namespace Application.UnitTests.Common.Behaviours;

public sealed class UnhandledExceptionBehaviourTests
{
    private readonly FakeLogger<OpenQuery> _logger = new();

    private ValueTask<string> RunThrowing(Exception exception) =>
        new UnhandledExceptionBehaviour<OpenQuery, string>(_logger)
            .Handle(new OpenQuery(), (_, _) => throw exception, CancellationToken.None);

    [Fact]
    public async Task An_unexpected_failure_is_logged_as_an_error_and_rethrown()
    {
        var failure = new InvalidOperationException("database exploded");

        var thrown = await Should.ThrowAsync<InvalidOperationException>(async () => await RunThrowing(failure));

        thrown.ShouldBeSameAs(failure);
        var record = _logger.Collector.GetSnapshot().ShouldHaveSingleItem();
        record.Level.ShouldBe(LogLevel.Error);
        record.Exception.ShouldBeSameAs(failure);
    }

    [Fact]
    public async Task An_expected_outcome_is_rethrown_without_an_error_log()
    {
        await Should.ThrowAsync<NotFoundException>(async () => await RunThrowing(new NotFoundException("no such bot")));

        _logger.Collector.Count.ShouldBe(0);
    }
}
