using System.Net;
using System.Net.Http.Json;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Integrations.Client;

namespace Application.FunctionalTests.Integrations;

/// <summary>
/// An integrator generates a C# client from the OpenAPI document (NSwag, at every build of this project: see the
/// csproj) and does what a CRM does with it. A document an NSwag client cannot use, or that describes the API wrongly,
/// fails the build or this test.
/// </summary>
public sealed class IntegratorClientTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    [Fact]
    public async Task An_integrator_lists_bots_adds_knowledge_reads_a_conversation_and_replies_with_a_generated_client()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("generated-client@example.uz", "+998901800001");
        var created = await BotTestData.CreateBotAsync(owner, "Client bot", "https://client.example.uz");
        var key = await ApiKeyAccessTests.CreateKeyAsync(owner, "Read", "Write");
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://client.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        (await customer.PostAsJsonAsync($"/api/widget/{created.WidgetKey}/messages", new { text = "Buyurtmam qayerda?" })).EnsureSuccessStatusCode();

        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        var bots = new BotsClient(http);
        var inbox = new InboxClient(http);

        var bot = (await bots.GetBotsAsync()).Single();
        bot.Id.ShouldBe(created.Id);
        var entry = await bots.CreateKnowledgeEntryAsync(bot.Id, new KnowledgeEntryRequest { Questions = ["Buyurtma qachon keladi?"], Answer = "1–2 kun ichida." });
        (await bots.GetKnowledgeEntriesAsync(bot.Id, search: "qachon keladi")).Items.Select(e => e.Id).ShouldBe([entry.Id]);

        var conversation = (await inbox.GetConversationsAsync(botId: bot.Id)).Items.Single();
        var detail = await inbox.GetConversationAsync(conversation.Id);
        detail.Messages.ShouldContain(m => m.Author == MessageAuthor.Contact && m.Text == "Buyurtmam qayerda?");
        var reply = await inbox.ReplyToConversationAsync(conversation.Id, new ReplyRequest { Text = "Buyurtmangiz yo‘lda, ertaga yetadi." });

        reply.Author.ShouldBe(MessageAuthor.Agent);
        (await inbox.GetConversationAsync(conversation.Id)).Messages.ShouldContain(m => m.Id == reply.Id && m.Text == "Buyurtmangiz yo‘lda, ertaga yetadi.");
        // Refusals arrive as the document's typed problem details.
        var missing = await Should.ThrowAsync<ApiException<ProblemDetails>>(() => inbox.GetConversationAsync(Guid.NewGuid()));
        missing.StatusCode.ShouldBe((int)HttpStatusCode.NotFound);
        missing.Result.Status.ShouldBe((int)HttpStatusCode.NotFound);
    }
}
