using System.Globalization;
using Bogus;
using VirtuOps.Application.Bots.Answering;

namespace AnswerEngine.Benchmarks;

/// <summary>
/// A shop's catalogue questions in Uzbek Latin, Russian and English, the same for every run (fixed seeds), and the
/// customer questions asked of it: reworded catalogue questions, some in the other script, and unrelated ones.
/// </summary>
internal static class GeneratedKnowledge
{
    public static KnowledgeSnapshot Snapshot(int entries)
    {
        var english = new Faker("en") { Random = new Randomizer(42) };
        var russian = new Faker("ru") { Random = new Randomizer(42) };
        var items = new List<KnowledgeItem>(entries);
        for (var i = 0; i < entries; i++)
        {
            var price = english.Random.Int(50, 20_000).ToString(CultureInfo.InvariantCulture) + " 000";
            items.Add((i % 3) switch
            {
                0 => Item(english.Commerce.ProductName(), p => [$"{p} narxi qancha?", $"{p} bormi?"],
                    p => $"{p} narxi {price} so'm. Toshkent bo'ylab 1–2 kunda yetkazib beramiz."),
                1 => Item(russian.Commerce.ProductName(), p => [$"Сколько стоит {p}?", $"Есть ли {p} в наличии?"],
                    p => $"{p} стоит {price} сумов. Доставка по Ташкенту за 1–2 дня."),
                _ => Item(english.Commerce.ProductName(), p => [$"How much is the {p}?", $"Do you have the {p} in stock?"],
                    p => $"The {p} costs {price} UZS. {english.Commerce.ProductDescription()}"),
            });
        }

        return new KnowledgeSnapshot(1, items);
    }

    public static string[] Questions(KnowledgeSnapshot snapshot, int count)
    {
        var random = new Randomizer(7);
        string[] unrelated = ["What is the capital of France?", "Какая погода завтра в Самарканде?", "Futbol o'yini soat nechida boshlanadi?"];
        return Enumerable.Range(0, count).Select(i => i % 8 == 7
            ? unrelated[i / 8 % unrelated.Length]
            : Reword(random.ListItem(random.ListItem(snapshot.Items.ToList()).Questions.ToList()))).ToArray();
    }

    private static KnowledgeItem Item(string product, Func<string, string[]> questions, Func<string, string> answer) =>
        new(Guid.NewGuid(), questions(product), answer(product));

    /// <summary>Lower case, no question mark, and Uzbek price questions asked in Cyrillic.</summary>
    private static string Reword(string question) => question.EndsWith("narxi qancha?", StringComparison.Ordinal)
        ? question.Replace("narxi qancha?", "нархи қанча", StringComparison.Ordinal)
        : question.TrimEnd('?').ToLowerInvariant();
}
