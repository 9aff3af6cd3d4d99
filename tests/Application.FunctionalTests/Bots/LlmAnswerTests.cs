using System.Net.Http.Json;
using Infrastructure.IntegrationTests.Ai;
using Microsoft.AspNetCore.Hosting;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Application.Bots.Queries.AskPlayground;

namespace Application.FunctionalTests.Bots;

/// <summary>The app configured with an OpenAI-compatible LLM: a local fake server that records what it is sent.</summary>
public sealed class LlmApi : IAsyncLifetime
{
    internal FakeOpenAiServer Llm { get; private set; } = null!;

    public VirtuOpsApiFactory App { get; private set; } = null!;

    private sealed class Factory(string baseUrl) : VirtuOpsApiFactory
    {
        protected override void ConfigureSettings(IWebHostBuilder builder)
        {
            builder.UseSetting("Ai:Llm:BaseUrl", baseUrl);
            builder.UseSetting("Ai:Llm:Model", "test-model");
            builder.UseSetting("Ai:Llm:ApiKey", "test-key");
            builder.UseSetting("Ai:Llm:TimeoutSeconds", "1");
        }
    }

    public async Task InitializeAsync()
    {
        Llm = await FakeOpenAiServer.StartAsync();
        App = new Factory(Llm.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        Llm.ReleaseHeldAnswers();
        await App.DisposeAsync();
        await Llm.DisposeAsync();
    }
}

public sealed class LlmAnswerTests(LlmApi api) : IClassFixture<LlmApi>
{
    private static async Task<PlaygroundAnswerDto> AskAsync(SpaClient owner, Guid botId)
    {
        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/playground", new { question = "Qanday to‘lov usullari bor?" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PlaygroundAnswerDto>(SpaClient.Json))!;
    }

    [Fact]
    public async Task The_llm_answers_only_after_the_owner_consents_to_sharing_data_with_an_ai_provider()
    {
        using var owner = new SpaClient(api.App);
        await owner.RegisterVerifiedOwnerAsync("llm-consent@example.uz", "+998901000150");
        var bot = await BotTestData.CreateBotAsync(owner, "LLM bot");
        var requestsBefore = api.Llm.Requests.Count;

        var withoutConsent = await AskAsync(owner, bot.Id);
        withoutConsent.Source.ShouldBe(AnswerSource.Retrieval);
        withoutConsent.Answer.ShouldBe("UzCard, Humo, Visa, Click va Payme.");
        api.Llm.Requests.Count.ShouldBe(requestsBefore, "no tenant data may reach the AI provider without consent");

        (await owner.Http.PostAsync("/api/privacy/consents/ai-data-sharing", null)).EnsureSuccessStatusCode();
        var withConsent = await AskAsync(owner, bot.Id);

        withConsent.Source.ShouldBe(AnswerSource.Llm);
        withConsent.Answer.ShouldBe(api.Llm.Reply);
        api.Llm.Requests[^1].Messages.ShouldContain(m => m.Content.Contains("UzCard, Humo, Visa, Click va Payme."));
    }

    [Fact]
    public async Task After_the_owner_withdraws_the_ai_data_sharing_consent_nothing_more_is_sent_to_the_llm()
    {
        using var owner = new SpaClient(api.App);
        await owner.RegisterVerifiedOwnerAsync("llm-withdraw@example.uz", "+998901000152");
        var bot = await BotTestData.CreateBotAsync(owner, "Withdrawn LLM bot");
        (await owner.Http.PostAsync("/api/privacy/consents/ai-data-sharing", null)).EnsureSuccessStatusCode();
        (await AskAsync(owner, bot.Id)).Source.ShouldBe(AnswerSource.Llm);

        (await owner.Http.PostAsync("/api/privacy/consents/AiDataSharing/withdraw", null)).EnsureSuccessStatusCode();
        var requestsBefore = api.Llm.Requests.Count;
        var afterWithdrawal = await AskAsync(owner, bot.Id);

        afterWithdrawal.Source.ShouldBe(AnswerSource.Retrieval);
        afterWithdrawal.Answer.ShouldBe("UzCard, Humo, Visa, Click va Payme.");
        api.Llm.Requests.Count.ShouldBe(requestsBefore, "no tenant data may reach the AI provider once the consent is withdrawn");
    }
}

/// <summary>A fresh fake LLM of its own, so "the first request" below is this test's.</summary>
public sealed class SlowLlmApi : IAsyncLifetime
{
    private readonly LlmApi _inner = new();

    internal FakeOpenAiServer Llm => _inner.Llm;

    public VirtuOpsApiFactory App => _inner.App;

    public Task InitializeAsync() => _inner.InitializeAsync();

    public Task DisposeAsync() => _inner.DisposeAsync();
}

public sealed class LlmTimeoutTests(SlowLlmApi api) : IClassFixture<SlowLlmApi>
{
    [Fact]
    public async Task When_the_llm_is_too_slow_the_retrieved_answer_is_given()
    {
        using var owner = new SpaClient(api.App);
        await owner.RegisterVerifiedOwnerAsync("llm-timeout@example.uz", "+998901000151");
        var bot = await BotTestData.CreateBotAsync(owner, "Slow LLM bot");
        (await owner.Http.PostAsync("/api/privacy/consents/ai-data-sharing", null)).EnsureSuccessStatusCode();
        api.Llm.HoldAnswers = true;

        var asking = owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/playground", new { question = "Qanday to‘lov usullari bor?" });
        // The LLM has the question and is not answering; the configured 1-second timeout passes on the app's clock.
        await api.Llm.RequestReceived.WaitAsync(TimeSpan.FromSeconds(30));
        api.App.Time.Advance(TimeSpan.FromSeconds(2));
        var answer = (await (await asking).Content.ReadFromJsonAsync<PlaygroundAnswerDto>(SpaClient.Json))!;

        answer.Source.ShouldBe(AnswerSource.Retrieval);
        answer.Answer.ShouldBe("UzCard, Humo, Visa, Click va Payme.");
    }
}
