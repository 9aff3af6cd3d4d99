using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// A light Uzbek stemmer for the stemmed copy of each Latin word: Uzbek is agglutinative, so "yetkazasizmi",
/// "yetkazish" and "yetkazib" should meet at "yetkaz", and "Toshkentga" at "toshkent". It strips up to three common
/// case, plural, possessive, person, question and verb-form suffixes, never leaving a stem shorter than three letters.
/// The written form is kept beside it (see <see cref="CisAnalyzer"/>), so exact words still score highest.
/// </summary>
internal sealed class UzbekSuffixFilter : TokenFilter
{
    private const int MinimumStem = 3;
    private const int MaximumStrips = 3;

    // Longest first, so "larimiz" goes before "lar" and "miz"; written without apostrophes like the rest of the text.
    private static readonly string[] Suffixes =
    [
        "laringiz", "larimiz", "larning", "asizmi", "yapsiz", "ingizni", "imizni",
        "lardan", "larda", "larga", "larni", "lari", "ingiz", "imiz", "ning", "sizmi", "ganmi", "yapti",
        "asiz", "aman", "amiz", "adi", "ydi", "gan", "kan", "qan", "moq", "ish", "dan", "tan", "dagi", "gacha",
        "lar", "siz", "miz", "dir", "chi", "mi", "da", "ta", "ga", "ka", "qa", "ni", "ib", "im", "si", "i",
    ];

    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;

    public UzbekSuffixFilter(TokenStream input) : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;
        if (_keyword.IsKeyword)
            return true;

        var word = _term.ToString();
        if (!word.All(c => c is >= 'a' and <= 'z'))
            return true;

        var stem = Strip(word);
        if (stem.Length != word.Length)
            _term.SetEmpty().Append(stem);
        return true;
    }

    internal static string Strip(string word)
    {
        for (var strips = 0; strips < MaximumStrips; strips++)
        {
            var suffix = Suffixes.FirstOrDefault(s => word.Length - s.Length >= MinimumStem && word.EndsWith(s, StringComparison.Ordinal));
            if (suffix is null)
                break;
            word = word[..^suffix.Length];
        }

        return word;
    }
}
