using System.Text;

namespace VirtuOps.Infrastructure.Ai.Retrieval;

/// <summary>
/// Lower-case Cyrillic to the Uzbek Latin alphabet (the 1995 standard), without apostrophes because the analyzer
/// removes them from Latin text too: ў → o, ғ → g, қ → q, ҳ → h, ш → sh, ч → ch, е → ye at the start of a word and
/// after a vowel. Russian words go through the same table, which is all the index needs: both sides of a
/// comparison are transliterated alike.
/// </summary>
internal static class Transliteration
{
    private const string Vowels = "аеёиоуўэюяы";

    public static bool ContainsCyrillic(ReadOnlySpan<char> text) => text.ContainsAnyInRange('\u0400', '\u04FF');

    public static string ToLatin(ReadOnlySpan<char> word)
    {
        var latin = new StringBuilder(word.Length + 4);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c == 'е')
            {
                var startsSyllable = i == 0 || Vowels.Contains(word[i - 1], StringComparison.Ordinal) || word[i - 1] is 'ъ' or 'ь';
                latin.Append(startsSyllable ? "ye" : "e");
                continue;
            }

            var mapped = c switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'ё' => "yo", 'ж' => "j", 'з' => "z",
                'и' => "i", 'й' => "y", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o", 'п' => "p",
                'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "x", 'ц' => "ts", 'ч' => "ch",
                'ш' => "sh", 'щ' => "sh", 'ъ' => "", 'ы' => "i", 'ь' => "", 'э' => "e", 'ю' => "yu", 'я' => "ya",
                // Uzbek letters.
                'ў' => "o", 'қ' => "q", 'ғ' => "g", 'ҳ' => "h",
                // Kazakh, Kyrgyz and Tajik letters a CIS customer may type.
                'ң' => "ng", 'ө' => "o", 'ү' => "u", 'ұ' => "u", 'і' => "i", 'һ' => "h", 'ә' => "a", 'ҷ' => "j",
                _ => null,
            };
            if (mapped is null)
                latin.Append(c);
            else
                latin.Append(mapped);
        }

        return latin.ToString();
    }
}
