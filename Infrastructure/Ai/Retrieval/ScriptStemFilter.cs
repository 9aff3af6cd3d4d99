using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// Stems a word with the stemmer of its script: Russian Snowball for Cyrillic, English Snowball for Latin.
/// Words marked as keywords (the unstemmed copies from <c>KeywordRepeatFilter</c>) and numbers are left alone.
/// </summary>
internal sealed class ScriptStemFilter : TokenFilter
{
    // Snowball stemmers keep state; a filter instance belongs to one thread's token stream, so one of each is enough.
    private readonly RussianStemmer _russian = new();
    private readonly EnglishStemmer _english = new();
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;

    public ScriptStemFilter(TokenStream input) : base(input)
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

        var word = _term.Buffer.AsSpan(0, _term.Length);
        SnowballProgram? stemmer = Transliteration.ContainsCyrillic(word) ? _russian
            : word.ContainsAnyInRange('a', 'z') ? _english
            : null;
        if (stemmer is null)
            return true;

        stemmer.SetCurrent(_term.Buffer, _term.Length);
        stemmer.Stem();
        _term.CopyBuffer(stemmer.CurrentBuffer, 0, stemmer.CurrentBufferLength);
        return true;
    }
}
