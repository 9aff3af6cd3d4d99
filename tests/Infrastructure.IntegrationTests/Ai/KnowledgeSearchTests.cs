using Bogus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Infrastructure.Ai;
using VirtuOps.Infrastructure.Ai.Retrieval;

namespace Infrastructure.IntegrationTests.Ai;

public sealed class KnowledgeSearchTests : IAsyncDisposable
{
    /// <summary>The bots' default threshold: below it the bot sends its fallback message.</summary>
    private const double Threshold = 0.35;

    private static readonly Guid ShopBot = Guid.NewGuid();
    private readonly InMemoryKnowledgeProvider _knowledge = new();
    private readonly ServiceProvider _services;

    public KnowledgeSearchTests()
    {
        _knowledge.Publish(ShopBot, ShopKnowledge.All);
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IKnowledgeProvider>(_knowledge)
            .AddAnswerEngine(new ConfigurationBuilder().Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Searches as a caller does, with the bot's version as just loaded unless told an older one.</summary>
    private async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string question, Guid? botId = null, long? knowledgeVersion = null)
    {
        var bot = botId ?? ShopBot;
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IKnowledgeSearch>()
            .SearchAsync(bot, knowledgeVersion ?? _knowledge.VersionOf(bot), question, 3, CancellationToken.None);
    }

    private async Task<KnowledgeHit> BestAsync(string question, Guid? botId = null)
    {
        var hits = await SearchAsync(question, botId);
        hits.ShouldNotBeEmpty(question);
        return hits[0];
    }

    [Fact]
    public async Task An_entry_written_in_Uzbek_Latin_answers_the_question_typed_in_Uzbek_Cyrillic()
    {
        var best = await BestAsync("Тўлов усуллари қандай?");

        best.Item.ShouldBe(ShopKnowledge.PaymentUz);
        best.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold);
    }

    [Fact]
    public async Task An_entry_written_in_Uzbek_Cyrillic_answers_the_question_typed_in_Uzbek_Latin()
    {
        var best = await BestAsync("Kafolat muddati qancha?");

        best.Item.ShouldBe(ShopKnowledge.WarrantyUzCyrillic);
        best.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold);
    }

    [Theory]
    [InlineData("To'lov usullari", "Toʻlov usullari")]
    [InlineData("To'lov usullari", "To‘lov usullari")]
    [InlineData("To'lov usullari", "To’lov usullari")]
    [InlineData("To'lov usullari", "To`lov usullari")]
    [InlineData("To'lov usullari", "Tolov usullari")]
    [InlineData("Operator bilan bog'lanish", "Operator bilan bogʻlanish")]
    [InlineData("Operator bilan bog'lanish", "Operator bilan bog‘lanish")]
    [InlineData("Operator bilan bog'lanish", "Operator bilan bogʼlanish")]
    public async Task Every_apostrophe_variant_finds_the_entry_as_the_plain_apostrophe_does(string plain, string variant)
    {
        var expected = await BestAsync(plain);

        var best = await BestAsync(variant);

        best.Item.ShouldBe(expected.Item);
        best.Confidence.ShouldBe(expected.Confidence, tolerance: 1e-9);
        best.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold);
    }

    [Theory]
    [InlineData("Какая стоимость доставки в Ташкенте?", "DeliveryRu")]
    [InlineData("Можно оплатить картой?", "PaymentRu")]
    [InlineData("Хочу вернуть товары", "ReturnsRu")]
    public async Task A_Russian_question_in_other_word_forms_finds_the_Russian_entry(string question, string entry)
    {
        var best = await BestAsync(question);

        best.Item.ShouldBe(Entry(entry));
        best.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold);
    }

    [Theory]
    [InlineData("When do you open?", "HoursEn")]
    [InlineData("Washing machine prices", "PricesEn")]
    [InlineData("Do you deliver to the regions?", "DeliveryEn")]
    public async Task An_English_paraphrase_finds_the_English_entry(string question, string entry)
    {
        var best = await BestAsync(question);

        best.Item.ShouldBe(Entry(entry));
        best.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold);
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("Какая погода завтра в Самарканде?")]
    [InlineData("Futbol o'yini soat nechida boshlanadi?")]
    public async Task An_unrelated_question_scores_below_the_threshold(string question)
    {
        var hits = await SearchAsync(question);

        hits.ShouldAllBe(h => h.Confidence < Threshold);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("?!")]
    [InlineData("What is it?")]
    public async Task A_question_without_informative_words_finds_nothing(string question)
    {
        (await SearchAsync(question)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Hits_are_ranked_best_first_and_limited_to_the_number_asked_for()
    {
        await using var scope = _services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<IKnowledgeSearch>();

        var hits = await search.SearchAsync(ShopBot, _knowledge.VersionOf(ShopBot), "Uzcard orqali to'lov", 2, CancellationToken.None);

        hits.Count.ShouldBe(2);
        hits[0].Item.ShouldBe(ShopKnowledge.PaymentUz);
        hits[1].Item.ShouldBe(ShopKnowledge.PaymentRu);
        hits[0].Confidence.ShouldBeGreaterThan(hits[1].Confidence);
    }

    [Fact]
    public async Task Changed_knowledge_answers_the_next_question_without_a_restart()
    {
        (await SearchAsync("Do you sell gift cards?")).ShouldAllBe(h => h.Confidence < Threshold);
        var giftCards = ShopKnowledge.Entry(["Do you sell gift cards?"], "Yes, gift cards from 100 000 to 1 000 000 UZS at every till.");

        _knowledge.Publish(ShopBot, [.. ShopKnowledge.All, giftCards]);

        var best = await BestAsync("Can I buy a gift card?");
        best.Item.ShouldBe(giftCards);
        best.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold);
        _knowledge.SnapshotReads.ShouldBe(2);
    }

    [Fact]
    public async Task Unchanged_knowledge_is_read_once()
    {
        await SearchAsync("Yetkazib berish bormi?");
        await SearchAsync("Тўлов усуллари қандай?");
        await SearchAsync("When do you open?");

        _knowledge.SnapshotReads.ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_callers_version_decides_whether_knowledge_is_read_again()
    {
        var loaded = _knowledge.VersionOf(ShopBot);
        await SearchAsync("Yetkazib berish bormi?", knowledgeVersion: loaded);
        var giftCards = ShopKnowledge.Entry(["Do you sell gift cards?"], "Yes, at every till.");
        var edited = _knowledge.Publish(ShopBot, [.. ShopKnowledge.All, giftCards]);

        // A caller still holding the bot as it was before the edit keeps the index it has.
        var stale = await SearchAsync("Do you sell gift cards?", knowledgeVersion: loaded);
        _knowledge.SnapshotReads.ShouldBe(1);
        stale.ShouldAllBe(h => h.Item != giftCards);

        var fresh = await SearchAsync("Do you sell gift cards?", knowledgeVersion: edited);
        _knowledge.SnapshotReads.ShouldBe(2);
        fresh[0].Item.ShouldBe(giftCards);

        // The rebuilt index is newer than the old version: a caller still holding that one gets it without a read.
        (await SearchAsync("Do you sell gift cards?", knowledgeVersion: loaded))[0].Item.ShouldBe(giftCards);
        _knowledge.SnapshotReads.ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_first_questions_build_the_index_once()
    {
        _knowledge.SnapshotGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var searches = Enumerable.Range(0, 8).Select(_ => SearchAsync("Yetkazib berish bormi?")).ToList();
        await _knowledge.SnapshotRequested.Task.WaitAsync(TimeSpan.FromSeconds(30));

        _knowledge.SnapshotGate.SetResult();
        var results = await Task.WhenAll(searches).WaitAsync(TimeSpan.FromSeconds(30));

        results.ShouldAllBe(hits => hits[0].Item == ShopKnowledge.DeliveryUz);
        _knowledge.SnapshotReads.ShouldBe(1);
    }

    [Fact]
    public async Task Questions_asked_during_a_rebuild_are_answered_from_the_previous_knowledge()
    {
        await SearchAsync("Yetkazib berish bormi?");
        var giftCards = ShopKnowledge.Entry(["Do you sell gift cards?"], "Yes, at every till.");
        _knowledge.Publish(ShopBot, [.. ShopKnowledge.All, giftCards]);
        _knowledge.SnapshotGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _knowledge.ResetSnapshotRequested();

        var rebuilding = SearchAsync("Do you sell gift cards?");
        await _knowledge.SnapshotRequested.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The rebuild is held open: this question must not wait for it.
        var during = await SearchAsync("Do you sell gift cards?").WaitAsync(TimeSpan.FromSeconds(30));
        _knowledge.SnapshotGate.SetResult();
        var after = await rebuilding.WaitAsync(TimeSpan.FromSeconds(30));

        during.ShouldAllBe(h => h.Item != giftCards);
        after[0].Item.ShouldBe(giftCards);
        _knowledge.SnapshotReads.ShouldBe(2);
    }

    [Fact]
    public async Task Confidence_hardly_moves_when_the_knowledge_base_grows_a_hundredfold()
    {
        var bigShop = Guid.NewGuid();
        _knowledge.Publish(bigShop, [.. ShopKnowledge.All, .. Filler(1200)]);
        string[] found = ["Тўлов усуллари қандай?", "Kafolat muddati qancha?", "Какая стоимость доставки в Ташкенте?", "When do you open?"];
        string[] unrelated = ["What is the capital of France?", "Какая погода завтра в Самарканде?"];

        foreach (var question in found)
        {
            var small = await BestAsync(question);
            var big = await BestAsync(question, bigShop);
            big.Item.ShouldBe(small.Item, question);
            big.Confidence.ShouldBeGreaterThanOrEqualTo(Threshold, question);
            big.Confidence.ShouldBe(small.Confidence, tolerance: 0.15, question);
        }

        foreach (var question in unrelated)
            (await SearchAsync(question, bigShop)).ShouldAllBe(h => h.Confidence < Threshold, question);
    }

    [Theory]
    [InlineData("ўзбекистон", "ozbekiston")]
    [InlineData("етказиб", "yetkazib")]
    [InlineData("қайтариш", "qaytarish")]
    [InlineData("маҳсулот", "mahsulot")]
    [InlineData("ғалла", "galla")]
    [InlineData("маълумот", "malumot")]
    [InlineData("шоир", "shoir")]
    [InlineData("оила", "oila")]
    [InlineData("поезд", "poyezd")]
    [InlineData("мебель", "mebel")]
    [InlineData("цех", "tsex")]
    public void Cyrillic_is_written_in_the_Uzbek_Latin_alphabet(string cyrillic, string latin) =>
        Transliteration.ToLatin(cyrillic).ShouldBe(latin);

    private static KnowledgeItem Entry(string name) =>
        (KnowledgeItem)typeof(ShopKnowledge).GetField(name)!.GetValue(null)!;

    /// <summary>Other shops' product entries in Russian and English, as a large catalogue would add.</summary>
    private static IEnumerable<KnowledgeItem> Filler(int count)
    {
        var english = new Faker("en") { Random = new Randomizer(2026) };
        var russian = new Faker("ru") { Random = new Randomizer(2026) };
        for (var i = 0; i < count; i++)
        {
            var faker = i % 2 == 0 ? english : russian;
            var product = faker.Commerce.ProductName();
            yield return ShopKnowledge.Entry([product, $"{faker.Commerce.Department()} {product}"], $"{faker.Commerce.ProductDescription()} {faker.Commerce.Price()}");
        }
    }
}
