using VirtuOps.Application.Bots.Answering;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// <see cref="IKnowledgeSearch"/> over the shared in-memory indexes. Scoped rather than a singleton so it can use
/// the caller's <see cref="IKnowledgeProvider"/>, which reads the database for rebuilds; the indexes themselves live
/// in the singleton <see cref="KnowledgeIndexCache"/>.
/// </summary>
internal sealed class LuceneKnowledgeSearch(KnowledgeIndexCache indexes, IKnowledgeProvider knowledge) : IKnowledgeSearch
{
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(Guid botId, long knowledgeVersion, string question, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        if (string.IsNullOrWhiteSpace(question))
            return [];

        var index = await indexes.GetAsync(botId, knowledgeVersion, knowledge, cancellationToken);
        return index.Search(question, take);
    }
}
