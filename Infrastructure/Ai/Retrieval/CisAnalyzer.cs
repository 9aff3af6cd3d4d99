using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Ru;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// The one analyzer used for knowledge entries and for customers' questions, so both end up as the same terms
/// whichever of Uzbek Latin, Uzbek Cyrillic, Russian or English they were written in.
/// </summary>
/// <remarks>
/// Text → apostrophes removed (oʻ o' o‘ o` o’ gʻ ... all become o and g) → words → lower case → stop words of the
/// four languages removed → each word kept twice at one position: as written, and stemmed (Russian Snowball for
/// Cyrillic words, English Snowball for Latin ones) → Cyrillic transliterated to Latin → Uzbek suffixes stripped from
/// the stemmed copy → duplicates dropped.
/// <para>
/// Stemming comes before transliteration because the Russian stemmer only understands Cyrillic, and stemming
/// every word would break Uzbek: an Uzbek Cyrillic word would get a Russian stem while its Latin spelling gets an
/// English one, and the two would never meet. Keeping the unstemmed form beside the stem lets Uzbek match across
/// scripts through the written form and Russian and English match across word forms through the stem.
/// </para>
/// </remarks>
internal sealed class CisAnalyzer : Analyzer
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    // Customers often leave the apostrophe out altogether (tolov for to'lov), so "one form" is no apostrophe.
    private static readonly NormalizeCharMap Apostrophes = BuildApostropheMap();

    private static readonly CharArraySet StopWords = BuildStopWords();

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MappingCharFilter(Apostrophes, reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new StopFilter(Version, stream, StopWords);
        stream = new KeywordRepeatFilter(stream);
        stream = new ScriptStemFilter(stream);
        stream = new CyrillicToLatinFilter(stream);
        stream = new UzbekSuffixFilter(stream);
        stream = new RemoveDuplicatesTokenFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    private static NormalizeCharMap BuildApostropheMap()
    {
        var builder = new NormalizeCharMap.Builder();
        // ' ` ´ ʻ ʼ ʹ ‘ ’ ‛ ′: what phones, keyboards and the official orthography use for oʻ, gʻ and the tutuq belgisi.
        foreach (var apostrophe in "'`\u00B4\u02BB\u02BC\u02B9\u2018\u2019\u201B\u2032")
            builder.Add(apostrophe.ToString(), string.Empty);
        return builder.Build();
    }

    private static CharArraySet BuildStopWords()
    {
        var set = new CharArraySet(Version, 512, ignoreCase: false);
        set.UnionWith(RussianAnalyzer.DefaultStopSet);
        set.UnionWith(WordlistLoader.GetSnowballWordSet(
            IOUtils.GetDecodingReader(typeof(SnowballFilter), "english_stop.txt", Encoding.UTF8), Version));
        // Uzbek function words, written without apostrophes as the char filter leaves them. Question words go too,
        // as Snowball's lists drop "when"/"когда": the topic words are what tell two entries apart.
        set.UnionWith(
        [
            "va", "bilan", "uchun", "ham", "bu", "shu", "u", "ular", "men", "sen", "siz", "biz", "mening", "sizning",
            "bizning", "menga", "sizga", "bizga", "da", "esa", "yoki", "lekin", "ammo", "nima", "qanday", "qachon",
            "qayerda", "qayer", "qaysi", "kim", "nega", "mi", "ekan", "edi", "yoq", "bor", "bormi", "yoqmi", "iltimos", "necha", "nechada", "nechida", "nechta", "qancha",
            "ва", "билан", "учун", "ҳам", "бу", "шу", "у", "улар", "мен", "сен", "сиз", "биз", "менинг", "сизнинг",
            "бизнинг", "менга", "сизга", "бизга", "да", "эса", "ёки", "лекин", "аммо", "нима", "қандай", "қачон",
            "қаерда", "қаер", "қайси", "ким", "нега", "ми", "экан", "эди", "йўқ", "бор", "борми", "йўқми", "илтимос", "неча", "нечада", "нечида", "нечта", "қанча",
        ]);
        return set.AsReadOnly();
    }
}
