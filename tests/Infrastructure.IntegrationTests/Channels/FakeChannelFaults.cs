using System.Net;

namespace Infrastructure.IntegrationTests.Channels;

/// <summary>What an injected fault does to one request.</summary>
internal enum FakeFaultKind
{
    /// <summary>Telegram: 429 with <c>parameters.retry_after</c>. Graph: error code 130429, and a Retry-After header when given.</summary>
    RateLimited,

    /// <summary>An HTTP error status (5xx by default) with the provider's error JSON.</summary>
    ServerError,

    /// <summary>The answer is held for a while before the request is handled; a client that gives up first leaves it unhandled.</summary>
    Delay,
}

internal sealed record FakeFault(FakeFaultKind Kind, string? Operation, HttpStatusCode Status = HttpStatusCode.InternalServerError,
    TimeSpan? RetryAfter = null, TimeSpan Delay = default);

/// <summary>
/// The parts both channel fakes share: faults queued for the next requests (optionally only for one operation, e.g.
/// <c>sendMessage</c>), and waiting for sends without sleeping.
/// </summary>
internal sealed class FakeChannelFaults
{
    private readonly Lock _lock = new();
    private readonly List<FakeFault> _faults = [];
    private readonly ArrivalCounter _sends = new("send requests");

    public void Add(FakeFault fault, int count)
    {
        lock (_lock)
            _faults.AddRange(Enumerable.Repeat(fault, count));
    }

    /// <summary>The first queued fault that applies to <paramref name="operation"/>, taken off the queue.</summary>
    public FakeFault? Take(string operation)
    {
        lock (_lock)
        {
            var index = _faults.FindIndex(f => f.Operation is null || f.Operation == operation);
            if (index < 0)
                return null;
            var fault = _faults[index];
            _faults.RemoveAt(index);
            return fault;
        }
    }

    /// <summary>Counts one send request (whatever it was answered) and releases the waiters it satisfies.</summary>
    public void SendReceived() => _sends.Arrived();

    public Task WaitForSendsAsync(int count, TimeSpan timeout) => _sends.WaitForAsync(count, timeout);
}
