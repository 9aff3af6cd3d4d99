using System.Collections.Concurrent;
using VirtuOps.Application.Bots.Answering;

namespace Infrastructure.IntegrationTests.Ai;

/// <summary>
/// Stands in for the database-backed provider: each <see cref="Publish"/> is a new knowledge version, as an edit
/// bumps the bot's. Counts snapshot reads, and can hold them until the test opens <see cref="SnapshotGate"/>.
/// </summary>
internal sealed class InMemoryKnowledgeProvider : IKnowledgeProvider
{
    private readonly ConcurrentDictionary<Guid, KnowledgeSnapshot> _snapshots = new();
    private int _snapshotReads;

    public int SnapshotReads => _snapshotReads;

    /// <summary>When set, snapshot reads wait for it (after signalling <see cref="SnapshotRequested"/>).</summary>
    public TaskCompletionSource? SnapshotGate { get; set; }

    public TaskCompletionSource SnapshotRequested { get; private set; } = NewSignal();

    /// <summary>Replaces the bot's knowledge; returns the new version.</summary>
    public long Publish(Guid botId, IReadOnlyList<KnowledgeItem> items) =>
        _snapshots.AddOrUpdate(botId, _ => new KnowledgeSnapshot(1, items), (_, old) => new KnowledgeSnapshot(old.Version + 1, items)).Version;

    /// <summary>The version a caller loading the bot now would pass.</summary>
    public long VersionOf(Guid botId) => Snapshot(botId).Version;

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
