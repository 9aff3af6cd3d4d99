using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using VirtuOps.Application.Bots.Answering;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// One bot's knowledge at one version, indexed in memory and never changed afterwards; a new version gets a new
/// index. Entries are ranked by BM25 over all their question variants (boosted) and their answer.
/// </summary>
/// <remarks>
/// <para>
/// <b>Confidence</b> is the share of the question's informative words that the entry contains, each word weighted
/// by its BM25 idf: words found among the entry's questions count fully, words found only in its answer count
/// half (answers are long and mention much in passing). A word no entry contains weighs as much as the rarest
/// word the knowledge has, so a question about something else scores near 0 in a small knowledge base and a large
/// one alike, while a question whose every topic word is in an entry's questions scores 1. Raw BM25 scores are
/// only used for ordering: they grow with the size of the knowledge base and mean nothing to a threshold.
/// </para>
/// <para>
/// Not disposable on purpose: a RAMDirectory holds only managed memory, and an index replaced by a newer version
/// may still be serving searches that began before; the GC frees it once they end.
/// </para>
/// </remarks>
internal sealed class KnowledgeIndex
{
    private const string QuestionField = "q";
    private const string AnswerField = "a";
    private const string OrdinalField = "ord";
    private const float QuestionBoost = 2f;
    private const double AnswerOnlyWeight = 0.5;

    // A customer's message is a question, not an essay; the cap keeps the query well under Lucene's clause limit.
    private const int MaxQueryWords = 64;

    private static readonly BM25Similarity Similarity = new();

    private readonly CisAnalyzer _analyzer;
    private readonly IReadOnlyList<KnowledgeItem> _items;
    private readonly IndexSearcher? _searcher;
    private readonly int[] _ordinalOfDocument = [];

    // Each entry's terms, worked out the first time the entry is a hit; a race only computes the same set twice.
    private readonly EntryTerms?[] _entryTerms;

    private KnowledgeIndex(long version, IReadOnlyList<KnowledgeItem> items, CisAnalyzer analyzer, IndexReader? reader)
    {
        Version = version;
        _items = items;
        _analyzer = analyzer;
        _entryTerms = new EntryTerms?[items.Count];
        if (reader is not null)
        {
            _searcher = new IndexSearcher(reader) { Similarity = Similarity };
            // Read once here: doc values readers are not meant to be shared between threads.
            var ordinals = MultiDocValues.GetNumericValues(reader, OrdinalField);
            _ordinalOfDocument = new int[reader.MaxDoc];
            for (var document = 0; document < reader.MaxDoc; document++)
                _ordinalOfDocument[document] = (int)ordinals.Get(document);
        }
    }

    public long Version { get; }

    public static KnowledgeIndex Build(KnowledgeSnapshot snapshot, CisAnalyzer analyzer)
    {
        if (snapshot.Items.Count == 0)
            return new KnowledgeIndex(snapshot.Version, [], analyzer, reader: null);

        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = Similarity,
            // Build on the calling thread; there is nothing to gain from background merges of a throwaway index.
            MergeScheduler = new SerialMergeScheduler(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var ordinal = 0; ordinal < snapshot.Items.Count; ordinal++)
            {
                var item = snapshot.Items[ordinal];
                var document = new Document();
                foreach (var question in item.Questions)
                    document.Add(new TextField(QuestionField, question, Field.Store.NO));
                document.Add(new TextField(AnswerField, item.Answer, Field.Store.NO));
                // Lucene's document ids may change order when segments merge; the ordinal leads back to the item.
                document.Add(new NumericDocValuesField(OrdinalField, ordinal));
                writer.AddDocument(document);
            }

            writer.Commit();
        }

        return new KnowledgeIndex(snapshot.Version, snapshot.Items, analyzer, DirectoryReader.Open(directory));
    }

    public IReadOnlyList<KnowledgeHit> Search(string question, int take)
    {
        if (_searcher is null)
            return [];
        var words = Analyze(question).Take(MaxQueryWords).ToList();
        if (words.Count == 0)
            return [];

        var query = new BooleanQuery();
        foreach (var form in words.SelectMany(w => w).Distinct(StringComparer.Ordinal))
        {
            query.Add(new TermQuery(new Term(QuestionField, form)) { Boost = QuestionBoost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(AnswerField, form)), Occur.SHOULD);
        }

        var weights = words.Select(Weight).ToArray();
        return _searcher.Search(query, take).ScoreDocs
            .Select(hit => _ordinalOfDocument[hit.Doc])
            .Select(ordinal => new KnowledgeHit(_items[ordinal], Confidence(words, weights, TermsOf(ordinal))))
            .ToList();
    }

    private static double Confidence(List<string[]> words, double[] weights, EntryTerms entry)
    {
        double found = 0, total = 0;
        for (var i = 0; i < words.Count; i++)
        {
            total += weights[i];
            if (words[i].Any(entry.Questions.Contains))
                found += weights[i];
            else if (words[i].Any(entry.Answer.Contains))
                found += weights[i] * AnswerOnlyWeight;
        }

        return total == 0 ? 0 : Math.Clamp(found / total, 0, 1);
    }

    /// <summary>A word weighs the BM25 idf of its commonest form (stemmed or as written).</summary>
    private double Weight(string[] forms) => forms.Min(form =>
    {
        var reader = _searcher!.IndexReader;
        long documents = reader.NumDocs;
        long frequency = Math.Max(reader.DocFreq(new Term(QuestionField, form)), reader.DocFreq(new Term(AnswerField, form)));
        frequency = Math.Max(frequency, 1);
        return Math.Log(1 + ((documents - frequency + 0.5) / (frequency + 0.5)));
    });

    private EntryTerms TermsOf(int ordinal)
    {
        var terms = Volatile.Read(ref _entryTerms[ordinal]);
        if (terms is null)
        {
            var item = _items[ordinal];
            terms = new EntryTerms(
                item.Questions.SelectMany(Analyze).SelectMany(w => w).ToHashSet(StringComparer.Ordinal),
                Analyze(item.Answer).SelectMany(w => w).ToHashSet(StringComparer.Ordinal));
            Volatile.Write(ref _entryTerms[ordinal], terms);
        }

        return terms;
    }

    /// <summary>The text's words, each as the forms the analyzer put at one position (as written, and stemmed).</summary>
    private List<string[]> Analyze(string text)
    {
        var words = new List<string[]>();
        var forms = new List<string>(2);
        using var stream = _analyzer.GetTokenStream(QuestionField, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var position = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (position.PositionIncrement > 0 && forms.Count > 0)
            {
                words.Add([.. forms]);
                forms.Clear();
            }

            forms.Add(term.ToString());
        }

        stream.End();
        if (forms.Count > 0)
            words.Add([.. forms]);
        return words;
    }

    private sealed record EntryTerms(HashSet<string> Questions, HashSet<string> Answer);
}
