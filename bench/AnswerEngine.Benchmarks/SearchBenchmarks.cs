using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Infrastructure.Ai;

namespace AnswerEngine.Benchmarks;

/// <summary>
/// <see cref="IKnowledgeSearch.SearchAsync"/> on a warm index, against a naive baseline (every entry's questions
/// scanned with <see cref="string.Contains(string, StringComparison)"/> for the question's words).
/// </summary>
[Config(typeof(LatencyConfig))]
public class SearchBenchmarks
{
    private static readonly Guid Bot = Guid.NewGuid();
    private ServiceProvider _services = null!;
    private AsyncServiceScope _scope;
    private IKnowledgeSearch _search = null!;
    private KnowledgeSnapshot _knowledge = null!;
    private string[] _questions = [];
    private int _next;

    [Params(100, 1_000, 10_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _knowledge = GeneratedKnowledge.Snapshot(Entries);
        _questions = GeneratedKnowledge.Questions(_knowledge, 256);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IKnowledgeProvider>(new FixedKnowledge(_knowledge))
            .AddAnswerEngine(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        _search = _scope.ServiceProvider.GetRequiredService<IKnowledgeSearch>();
        // Build the index and touch every question once, so only warm searches are measured.
        foreach (var question in _questions)
            _search.SearchAsync(Bot, _knowledge.Version, question, 3, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Contains scan")]
    public KnowledgeItem? ContainsScan()
    {
        var words = NextQuestion().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        KnowledgeItem? best = null;
        var bestMatches = 0;
        foreach (var item in _knowledge.Items)
        {
            var matches = words.Count(w => item.Questions.Any(q => q.Contains(w, StringComparison.OrdinalIgnoreCase)));
            if (matches > bestMatches)
                (best, bestMatches) = (item, matches);
        }

        return best;
    }

    [Benchmark(Description = "SearchAsync")]
    public Task<IReadOnlyList<KnowledgeHit>> Search() => _search.SearchAsync(Bot, _knowledge.Version, NextQuestion(), 3, CancellationToken.None);

    private string NextQuestion() => _questions[_next++ % _questions.Length];

    private sealed class FixedKnowledge(KnowledgeSnapshot snapshot) : IKnowledgeProvider
    {
        public Task<KnowledgeSnapshot> GetSnapshotAsync(Guid botId, CancellationToken cancellationToken) => Task.FromResult(snapshot);
    }
}
