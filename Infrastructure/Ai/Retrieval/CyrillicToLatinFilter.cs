using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>Rewrites every Cyrillic term in the Uzbek Latin alphabet (see <see cref="Transliteration"/>).</summary>
internal sealed class CyrillicToLatinFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;

    public CyrillicToLatinFilter(TokenStream input) : base(input) => _term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
            return false;

        var word = _term.Buffer.AsSpan(0, _term.Length);
        if (Transliteration.ContainsCyrillic(word))
            _term.SetEmpty().Append(Transliteration.ToLatin(word));
        return true;
    }
}
