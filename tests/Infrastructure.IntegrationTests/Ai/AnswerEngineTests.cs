using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Infrastructure.Ai;

namespace Infrastructure.IntegrationTests.Ai;

public sealed class AnswerEngineTests : IAsyncLifetime
{
    private const string ApiKey = "sk-test-answering";
    private const string Model = "gpt-4o-mini";
    private const string PaymentQuestionCyrillic = "Тўлов усуллари қандай?";

    private readonly InMemoryKnowledgeProvider _knowledge = new();
    private BotAnsweringProfile _bot = new(
        BotId: Guid.NewGuid(),
        KnowledgeVersion: 0,
        TenantId: Guid.NewGuid(),
        BotName: "Sayyora",
        Persona: "Xushmuomala, qisqa va aniq javob beradi; mijozga \"siz\" deb murojaat qiladi.",
        FallbackMessage: "Kechirasiz, bu savolga javob topa olmadim. Operatorimiz tez orada yozadi.",
        ConfidenceThreshold: 0.35,
        AiDataSharingAllowed: true);

    private FakeOpenAiServer _llm = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _bot = _bot with { KnowledgeVersion = _knowledge.Publish(_bot.BotId, ShopKnowledge.All) };
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private ServiceProvider BuildServices(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ai:Llm:BaseUrl"] = _llm.BaseUrl,
            ["Ai:Llm:Model"] = Model,
            ["Ai:Llm:ApiKey"] = ApiKey,
        };
        foreach (var (key, value) in overrides ?? [])
            settings[key] = value;

        _services = new ServiceCollection()
            .AddFakeLogging()
            .AddSingleton<IKnowledgeProvider>(_knowledge)
            .AddAnswerEngine(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        return _services;
    }

    private async Task<AnswerResult> AnswerAsync(string question, BotAnsweringProfile? bot = null, Dictionary<string, string?>? settings = null)
    {
        await using var scope = (_services ?? BuildServices(settings)).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAnswerEngine>().AnswerAsync(bot ?? _bot, question, CancellationToken.None);
    }

    private IReadOnlyList<FakeLogRecord> Logs() => _services!.GetFakeLogCollector().GetSnapshot();

    [Fact]
    public async Task With_an_llm_and_consent_the_llm_words_the_answer_from_the_retrieved_entries()
    {
        var answer = await AnswerAsync(PaymentQuestionCyrillic);

        answer.Source.ShouldBe(AnswerSource.Llm);
        answer.Text.ShouldBe(_llm.Reply);
        answer.MatchedEntryId.ShouldBe(ShopKnowledge.PaymentUz.Id);
        answer.Confidence.ShouldBeGreaterThanOrEqualTo(_bot.ConfidenceThreshold);

        var request = _llm.Requests.ShouldHaveSingleItem();
        request.BearerToken.ShouldBe(ApiKey);
        request.Model.ShouldBe(Model);
        request.Messages.Select(m => m.Role).ShouldBe(["system", "user"]);
        var system = request.Messages[0].Content;
        system.ShouldContain(_bot.BotName);
        system.ShouldContain(_bot.Persona!);
        system.ShouldContain(ShopKnowledge.PaymentUz.Questions[0]);
        system.ShouldContain(ShopKnowledge.PaymentUz.Answer);
        system.ShouldContain("only the knowledge entries");
        request.Messages[1].Content.ShouldBe(PaymentQuestionCyrillic);
    }

    [Fact]
    public async Task The_llm_sees_at_most_the_three_best_entries()
    {
        await AnswerAsync("Uzcard orqali to'lov");

        var system = _llm.Requests.ShouldHaveSingleItem().Messages[0].Content;
        system.ShouldContain(ShopKnowledge.PaymentUz.Answer);
        system.ShouldContain(ShopKnowledge.PaymentRu.Answer);
        ShopKnowledge.All.Count(e => system.Contains(e.Answer, StringComparison.Ordinal)).ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task Without_consent_nothing_is_sent_to_the_llm_and_the_best_entry_answers()
    {
        var answer = await AnswerAsync(PaymentQuestionCyrillic, _bot with { AiDataSharingAllowed = false });

        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.Text.ShouldBe(ShopKnowledge.PaymentUz.Answer);
        answer.MatchedEntryId.ShouldBe(ShopKnowledge.PaymentUz.Id);
        _llm.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_an_llm_configured_the_best_entry_answers()
    {
        var answer = await AnswerAsync(PaymentQuestionCyrillic, settings: new() { ["Ai:Llm:BaseUrl"] = "" });

        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.Text.ShouldBe(ShopKnowledge.PaymentUz.Answer);
        _services!.GetKeyedService<IChatClient>(AnswerEngine.ChatClientKey).ShouldBeNull();
        _llm.Requests.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("Какая погода завтра в Самарканде?")]
    [InlineData("")]
    public async Task A_question_the_knowledge_does_not_answer_gets_the_fallback_and_never_reaches_the_llm(string question)
    {
        var answer = await AnswerAsync(question);

        answer.Source.ShouldBe(AnswerSource.Fallback);
        answer.Text.ShouldBe(_bot.FallbackMessage);
        answer.MatchedEntryId.ShouldBeNull();
        answer.Confidence.ShouldBeLessThan(_bot.ConfidenceThreshold);
        _llm.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_bots_own_threshold_decides_between_an_answer_and_the_fallback()
    {
        var strict = await AnswerAsync("Какая стоимость доставки в Ташкенте?", _bot with { ConfidenceThreshold = 0.95, AiDataSharingAllowed = false });
        var lenient = await AnswerAsync("Какая стоимость доставки в Ташкенте?", _bot with { ConfidenceThreshold = 0.2, AiDataSharingAllowed = false });

        strict.Source.ShouldBe(AnswerSource.Fallback);
        lenient.Source.ShouldBe(AnswerSource.Retrieval);
        lenient.MatchedEntryId.ShouldBe(ShopKnowledge.DeliveryRu.Id);
    }

    [Fact]
    public async Task New_knowledge_answers_once_the_bot_brings_its_new_version()
    {
        var giftCards = ShopKnowledge.Entry(["Do you sell gift cards?"], "Yes, at every till.");
        var bot = _bot with { AiDataSharingAllowed = false };
        (await AnswerAsync("Do you sell gift cards?", bot)).Source.ShouldBe(AnswerSource.Fallback);

        var edited = _knowledge.Publish(_bot.BotId, [.. ShopKnowledge.All, giftCards]);

        (await AnswerAsync("Do you sell gift cards?", bot)).Source.ShouldBe(AnswerSource.Fallback);
        var answer = await AnswerAsync("Do you sell gift cards?", bot with { KnowledgeVersion = edited });
        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.MatchedEntryId.ShouldBe(giftCards.Id);
    }

    [Fact]
    public async Task An_llm_slower_than_the_timeout_is_abandoned_for_the_retrieved_answer()
    {
        _llm.HoldAnswers = true;
        BuildServices(new() { ["Ai:Llm:TimeoutSeconds"] = "0.3" });

        // The fake holds its answer until released after the engine has given up, so only the timeout can end this.
        var answer = await AnswerAsync(PaymentQuestionCyrillic).WaitAsync(TimeSpan.FromSeconds(30));
        _llm.ReleaseHeldAnswers();

        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.Text.ShouldBe(ShopKnowledge.PaymentUz.Answer);
        _llm.Requests.ShouldHaveSingleItem();
        Logs().ShouldContain(r => r.Level == LogLevel.Warning && r.Message.Contains("timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_caller_who_gives_up_gets_a_cancellation_not_an_answer()
    {
        _llm.HoldAnswers = true;
        await using var scope = BuildServices().CreateAsyncScope();
        using var customerLeft = new CancellationTokenSource();

        var answering = scope.ServiceProvider.GetRequiredService<IAnswerEngine>().AnswerAsync(_bot, PaymentQuestionCyrillic, customerLeft.Token);
        await _llm.RequestReceived.WaitAsync(TimeSpan.FromSeconds(30));
        await customerLeft.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(answering.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task An_llm_error_gives_the_retrieved_answer_after_a_single_attempt(HttpStatusCode status)
    {
        _llm.FailWith = status;

        var answer = await AnswerAsync(PaymentQuestionCyrillic);

        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.Text.ShouldBe(ShopKnowledge.PaymentUz.Answer);
        _llm.Requests.ShouldHaveSingleItem();
        Logs().ShouldContain(r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task An_empty_llm_answer_gives_the_retrieved_answer()
    {
        _llm.Reply = "  ";

        var answer = await AnswerAsync(PaymentQuestionCyrillic);

        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.Text.ShouldBe(ShopKnowledge.PaymentUz.Answer);
    }

    [Fact]
    public async Task Llm_failures_are_logged_without_the_tenants_words()
    {
        _llm.FailWith = HttpStatusCode.InternalServerError;
        await AnswerAsync(PaymentQuestionCyrillic);
        _llm.FailWith = null;
        _llm.Reply = "";
        await AnswerAsync(PaymentQuestionCyrillic);

        var logged = Logs().Select(r => $"{r.Message} {r.Exception}").ToList();
        logged.Count(m => m.Contains(_bot.BotId.ToString(), StringComparison.Ordinal)).ShouldBe(2);
        logged.ShouldAllBe(m => !m.Contains("Тўлов") && !m.Contains("Uzcard") && !m.Contains("Sayyora") && !m.Contains(ApiKey));
    }

    [Theory]
    [InlineData("Ai:Llm:Model", "")]
    [InlineData("Ai:Llm:ApiKey", "")]
    [InlineData("Ai:Llm:BaseUrl", "not a url")]
    [InlineData("Ai:Llm:TimeoutSeconds", "0")]
    public void An_incomplete_llm_configuration_is_rejected(string key, string value)
    {
        var services = BuildServices(new() { [key] = value });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<LlmOptions>>().Value);
    }
}
