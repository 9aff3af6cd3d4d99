using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Common;

namespace Application.FunctionalTests.Integrations;

/// <summary>
/// Two people (or an integrator and a person) edit the same bot or knowledge entry: the ETag they read makes the
/// second write fail with 412 instead of silently overwriting the first.
/// </summary>
public sealed class ConditionalUpdateTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private async Task<(SpaClient Owner, BotDto Bot, HttpClient Integrator)> IntegratorAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var bot = await BotTestData.CreateBotAsync(owner, "ETag bot");
        var key = await ApiKeyAccessTests.CreateKeyAsync(owner, "Read", "Write");
        var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        return (owner, bot, integrator);
    }

    private static object Settings(BotDto bot, string name) => new
    {
        name,
        bot.Greeting,
        bot.FallbackMessage,
        bot.Persona,
        languages = bot.Languages.Select(l => l.ToString()),
        bot.HandoffKeywords,
        bot.ConfidenceThreshold,
        bot.AllowedOrigins,
    };

    private static HttpRequestMessage Write(HttpMethod method, string path, object? body, EntityTagHeaderValue? ifMatch, string? language = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
            request.Headers.IfMatch.Add(ifMatch);
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Fact]
    public async Task A_bot_update_with_the_etag_read_saves_and_one_with_a_stale_etag_is_refused_with_412()
    {
        var (owner, bot, integrator) = await IntegratorAsync("etag-bot@example.uz", "+998901600001");
        using var _ = owner;
        var read = await integrator.GetAsync($"/api/bots/{bot.Id}");
        var etag = read.Headers.ETag!;
        etag.IsWeak.ShouldBeFalse();

        var first = await integrator.SendAsync(Write(HttpMethod.Put, $"/api/bots/{bot.Id}", Settings(bot, "Integrator's name"), etag));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.ETag.ShouldNotBe(etag);
        var stale = await owner.Http.SendAsync(Write(HttpMethod.Put, $"/api/bots/{bot.Id}", Settings(bot, "Owner's name"), etag, "ru"));

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var problem = (await stale.Content.ReadFromJsonAsync<ProblemDetails>())!;
        problem.Status.ShouldBe(412);
        problem.Title.ShouldBe("Изменено кем-то другим.");
        (await owner.GetAsync<BotDto>($"/api/bots/{bot.Id}"))!.Name.ShouldBe("Integrator's name");
        var current = await integrator.GetAsync($"/api/bots/{bot.Id}");
        current.Headers.ETag.ShouldBe(first.Headers.ETag);
    }

    [Fact]
    public async Task Without_if_match_an_update_goes_through_whatever_changed_before()
    {
        var (owner, bot, integrator) = await IntegratorAsync("etag-none@example.uz", "+998901600002");
        using var _ = owner;
        (await integrator.PostAsync($"/api/bots/{bot.Id}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var update = await owner.Http.PutAsJsonAsync($"/api/bots/{bot.Id}", Settings(bot, "Renamed"));

        update.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.GetAsync<BotDto>($"/api/bots/{bot.Id}"))!.Name.ShouldBe("Renamed");
    }

    [Fact]
    public async Task Of_updates_sent_at_once_with_the_same_etag_exactly_one_wins()
    {
        var (owner, bot, integrator) = await IntegratorAsync("etag-race@example.uz", "+998901600003");
        using var _ = owner;
        var etag = (await integrator.GetAsync($"/api/bots/{bot.Id}")).Headers.ETag!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            integrator.SendAsync(Write(HttpMethod.Put, $"/api/bots/{bot.Id}", Settings(bot, $"Racer {i}"), etag))));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed).ShouldBe(7);
        var winner = (await responses.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
        (await owner.GetAsync<BotDto>($"/api/bots/{bot.Id}"))!.Name.ShouldBe(winner.Name);
    }

    [Fact]
    public async Task Knowledge_entries_are_updated_and_deleted_only_at_the_version_read()
    {
        var (owner, bot, integrator) = await IntegratorAsync("etag-knowledge@example.uz", "+998901600004");
        using var _ = owner;
        var entries = (await integrator.GetFromJsonAsync<CursorPage<KnowledgeEntryDto>>($"/api/bots/{bot.Id}/knowledge", SpaClient.Json))!;
        var entry = entries.Items[0];
        var read = await integrator.GetAsync($"/api/knowledge/{entry.Id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.ETag!.Tag.ShouldBe($"\"{entry.Version}\"");
        var etag = read.Headers.ETag;

        var update = await owner.Http.SendAsync(Write(HttpMethod.Put, $"/api/knowledge/{entry.Id}", new { questions = new[] { "Yangi savol?" }, answer = "Yangi javob." }, etag));
        update.StatusCode.ShouldBe(HttpStatusCode.OK);
        var staleUpdate = await integrator.SendAsync(Write(HttpMethod.Put, $"/api/knowledge/{entry.Id}", new { questions = new[] { "Eski savol?" }, answer = "Eski javob." }, etag, "uz"));
        var staleDelete = await integrator.SendAsync(Write(HttpMethod.Delete, $"/api/knowledge/{entry.Id}", null, etag));

        staleUpdate.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await staleUpdate.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("Boshqa kishi oʻzgartirgan.");
        staleDelete.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var kept = (await integrator.GetFromJsonAsync<KnowledgeEntryDto>($"/api/knowledge/{entry.Id}", SpaClient.Json))!;
        kept.Answer.ShouldBe("Yangi javob.");

        var delete = await integrator.SendAsync(Write(HttpMethod.Delete, $"/api/knowledge/{entry.Id}", null, update.Headers.ETag));
        delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await integrator.GetAsync($"/api/knowledge/{entry.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_etag_does_not_delete_a_bot()
    {
        var (owner, bot, integrator) = await IntegratorAsync("etag-delete@example.uz", "+998901600005");
        using var _ = owner;
        var etag = (await integrator.GetAsync($"/api/bots/{bot.Id}")).Headers.ETag!;
        (await owner.Http.PostAsync($"/api/bots/{bot.Id}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var stale = await integrator.SendAsync(Write(HttpMethod.Delete, $"/api/bots/{bot.Id}", null, etag, "en"));

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await stale.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("Changed by someone else.");
        (await integrator.GetAsync($"/api/bots/{bot.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
