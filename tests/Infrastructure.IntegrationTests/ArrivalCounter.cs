namespace Infrastructure.IntegrationTests;

/// <summary>Counts the requests of one kind a fake server received, and lets a test wait for a number of them without sleeping.</summary>
internal sealed class ArrivalCounter(string what)
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _arrived;

    /// <summary>Counts one request (whatever it was answered) and releases the waiters it satisfies.</summary>
    public void Arrived()
    {
        lock (_lock)
        {
            _arrived++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _arrived))
                waiter.Reached.TrySetResult();
            _waiters.RemoveAll(w => w.Count <= _arrived);
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests arrived in all; fails after <paramref name="timeout"/>, so a request that never comes does not hang the test.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_arrived >= count)
                return;
            _waiters.Add((count, reached));
        }

        try
        {
            await reached.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {count} {what} within {timeout}, received {Volatile.Read(ref _arrived)}.");
        }
    }
}
