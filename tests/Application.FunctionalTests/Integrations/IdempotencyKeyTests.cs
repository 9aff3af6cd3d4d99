using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Bots;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Retention.Commands.PurgeExpiredData;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Integrations;

/// <summary>An integrator retries a POST after a timeout: the work is done once, and the first answer comes back.</summary>
public sealed class IdempotencyKeyTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private async Task<(SpaClient Owner, BotDto Bot, HttpClient Integrator)> IntegratorAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        var bot = await BotTestData.CreateBotAsync(owner, "Idempotent bot", "https://idem.example.uz");
        var key = await ApiKeyAccessTests.CreateKeyAsync(owner, "Read", "Write");
        var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        return (owner, bot, integrator);
    }

    private static HttpRequestMessage Post(string path, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private Task<int> KnowledgeCountAsync(Guid botId) =>
        factory.QueryDatabaseAsync(db => db.KnowledgeEntries.IgnoreQueryFilters().CountAsync(e => e.BotId == botId));

    [Fact]
    public async Task The_same_key_and_body_replay_the_first_answer_and_add_nothing_twice()
    {
        var (owner, bot, integrator) = await IntegratorAsync("idem-replay@example.uz", "+998901000160");
        using var _ = owner;
        var before = await KnowledgeCountAsync(bot.Id);
        var body = new { questions = new[] { "Kafolat bormi?" }, answer = "Ha, bir yil." };

        using var first = await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", body, "entry-1"));
        using var retry = await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", body, "entry-1"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await KnowledgeCountAsync(bot.Id)).ShouldBe(before + 1);

        // A new key is a new request.
        using var another = await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", body, "entry-2"));
        another.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await KnowledgeCountAsync(bot.Id)).ShouldBe(before + 2);
    }

    [Fact]
    public async Task A_retried_reply_reaches_the_customer_once()
    {
        var (owner, bot, integrator) = await IntegratorAsync("idem-reply@example.uz", "+998901000161");
        using var _ = owner;
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://idem.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var conversationId = (await (await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;

        foreach (var attempt in Enumerable.Range(0, 3))
        {
            using var response = await integrator.SendAsync(Post($"/api/inbox/conversations/{conversationId}/replies", new { text = "Buyurtmangiz yo‘lda" }, "reply-7f3a"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"attempt {attempt}");
        }

        (await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .CountAsync(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Agent))).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_and_changes_nothing()
    {
        var (owner, bot, integrator) = await IntegratorAsync("idem-other@example.uz", "+998901000162");
        using var _ = owner;
        (await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", new { questions = new[] { "Birinchi?" }, answer = "Bir." }, "same-key")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await KnowledgeCountAsync(bot.Id);

        using var other = await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", new { questions = new[] { "Ikkinchi?" }, answer = "Ikki." }, "same-key"));

        other.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        other.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(await other.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>().ShouldContain("Idempotency-Key");
        (await KnowledgeCountAsync(bot.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Two_requests_with_one_key_at_once_do_the_work_once()
    {
        var (owner, bot, integrator) = await IntegratorAsync("idem-race@example.uz", "+998901000163");
        using var _ = owner;
        var before = await KnowledgeCountAsync(bot.Id);
        var body = new { questions = new[] { "Bir vaqtda?" }, answer = "Bir marta." };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", body, "race-1"))));

        // The one that ran answers 201; the others get its answer replayed, or 409 while it was still running.
        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.Conflict);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBeGreaterThanOrEqualTo(1);
        (await Task.WhenAll(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Content.ReadAsStringAsync()))).Distinct().Count().ShouldBe(1);
        (await KnowledgeCountAsync(bot.Id)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_signed_in_owner_can_send_a_key_too_and_the_key_is_kept_per_tenant()
    {
        var (owner, _, _) = await IntegratorAsync("idem-cookie@example.uz", "+998901000164");
        using var _o = owner;
        using var other = new SpaClient(factory);
        await other.RegisterVerifiedOwnerAsync("idem-cookie-b@example.uz", "+998901000165");

        HttpRequestMessage CreateBot(string name) => Post("/api/bots", new { name }, "bot-create-1");
        var first = await owner.Http.SendAsync(CreateBot("Birinchi"));
        var again = await owner.Http.SendAsync(CreateBot("Birinchi"));
        // The other tenant's identical key is its own.
        var otherTenant = await other.Http.SendAsync(CreateBot("Birinchi"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.Contains("Idempotent-Replayed").ShouldBeTrue();
        otherTenant.StatusCode.ShouldBe(HttpStatusCode.Created);
        otherTenant.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await owner.GetAsync<List<BotDto>>("/api/bots"))!.Count(b => b.Name == "Birinchi").ShouldBe(1);
    }

    [Fact]
    public async Task A_key_that_is_not_one_visible_token_is_a_field_error()
    {
        var (owner, bot, integrator) = await IntegratorAsync("idem-bad@example.uz", "+998901000166");
        using var _ = owner;

        using var response = await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", new { questions = new[] { "Uzun?" }, answer = "Ha." }, new string('k', 256)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["Idempotency-Key"]);
    }

    [Fact]
    public async Task After_24_hours_the_retention_purge_deletes_kept_answers_and_the_key_runs_again()
    {
        var (owner, bot, integrator) = await IntegratorAsync("idem-expiry@example.uz", "+998901000167");
        using var _ = owner;
        var body = new { questions = new[] { "Ertaga?" }, answer = "Ha." };
        (await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", body, "daily-1"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await KnowledgeCountAsync(bot.Id);

        factory.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        // The scheduled retention job may run the same purge first once the clock has moved, so its count is not ours
        // to assert: what matters is that the kept answer is gone.
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredDataCommand());
        (await factory.QueryDatabaseAsync(db => db.IdempotentRequests.IgnoreQueryFilters().AnyAsync(r => r.Key == "daily-1"))).ShouldBeFalse();

        using var later = await integrator.SendAsync(Post($"/api/bots/{bot.Id}/knowledge", body, "daily-1"));
        later.StatusCode.ShouldBe(HttpStatusCode.Created);
        later.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await KnowledgeCountAsync(bot.Id)).ShouldBe(before + 1);
    }
}
