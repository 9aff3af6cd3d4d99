using System.Collections.Concurrent;
using VirtuOps.Application.Bots.Answering;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// Every bot's current index, kept for the life of the process (a singleton) and rebuilt when a caller brings a newer
/// knowledge version than the index was built from, so edits apply to the next question without a restart. Callers
/// have the bot, and so its version, loaded already: checking it here costs no query.
/// </summary>
internal sealed class KnowledgeIndexCache : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Slot> _slots = new();
    private readonly CisAnalyzer _analyzer = new();

    public async Task<KnowledgeIndex> GetAsync(Guid botId, long knowledgeVersion, IKnowledgeProvider provider, CancellationToken cancellationToken)
    {
        var slot = _slots.GetOrAdd(botId, static _ => new Slot());
        var current = slot.Index;
        if (current is not null && current.Version >= knowledgeVersion)
            return current;

        // One rebuild per bot at a time. A search that finds one under way answers from the index it already has;
        // only a bot's first searches have nothing to answer from, so they wait.
        if (current is null)
            await slot.Gate.WaitAsync(cancellationToken);
        else if (!await slot.Gate.WaitAsync(TimeSpan.Zero, cancellationToken))
            return current;

        try
        {
            current = slot.Index;
            if (current is not null && current.Version >= knowledgeVersion)
                return current;

            var snapshot = await provider.GetSnapshotAsync(botId, cancellationToken);
            var rebuilt = KnowledgeIndex.Build(snapshot, _analyzer);
            slot.Index = rebuilt;
            return rebuilt;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
            slot.Gate.Dispose();
        _analyzer.Dispose();
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        // Written under the gate, read without it: readers see the old index or the new one, never half of one.
        private volatile KnowledgeIndex? _index;

        public KnowledgeIndex? Index
        {
            get => _index;
            set => _index = value;
        }
    }
}
