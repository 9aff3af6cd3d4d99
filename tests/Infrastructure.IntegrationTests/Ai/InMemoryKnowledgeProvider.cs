using System.Collections.Concurrent;
using VirtuOps.Application.Bots.Answering;

namespace Infrastructure.IntegrationTests.Ai;

/// <summary>
/// Stands in for the database-backed provider: each <see cref="Publish"/> is a new knowledge version. Counts reads,
/// and can hold snapshot reads until the test opens <see cref="SnapshotGate"/>.
/// </summary>
internal sealed class InMemoryKnowledgeProvider : IKnowledgeProvider
{
    private readonly ConcurrentDictionary<Guid, KnowledgeSnapshot> _snapshots = new();
    private int _versionReads;
    private int _snapshotReads;

    public int VersionReads => _versionReads;

    public int SnapshotReads => _snapshotReads;

    /// <summary>When set, snapshot reads wait for it (after signalling <see cref="SnapshotRequested"/>).</summary>
    public TaskCompletionSource? SnapshotGate { get; set; }

    public TaskCompletionSource SnapshotRequested { get; private set; } = NewSignal();

    public void Publish(Guid botId, IReadOnlyList<KnowledgeItem> items) =>
        _snapshots.AddOrUpdate(botId, _ => new KnowledgeSnapshot(1, items), (_, old) => new KnowledgeSnapshot(old.Version + 1, items));

    public Task<long> GetVersionAsync(Guid botId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _versionReads);
        return Task.FromResult(Snapshot(botId).Version);
    }

    public async Task<KnowledgeSnapshot> GetSnapshotAsync(Guid botId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _snapshotReads);
        var snapshot = Snapshot(botId);
        SnapshotRequested.TrySetResult();
        if (SnapshotGate is { } gate)
            await gate.Task.WaitAsync(cancellationToken);
        return snapshot;
    }

    public void ResetSnapshotRequested() => SnapshotRequested = NewSignal();

    private KnowledgeSnapshot Snapshot(Guid botId) => _snapshots.GetValueOrDefault(botId) ?? new KnowledgeSnapshot(0, []);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
