using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Application.FunctionalTests.Bots;
using Application.FunctionalTests.Channels;
using Infrastructure.IntegrationTests.Channels;
using Microsoft.EntityFrameworkCore;
using VirtuOps.Application.ApiKeys.Commands.CreateApiKey;
using VirtuOps.Application.Bots.Common;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Inbox.Queries.GetConversation;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.Domain.Conversations;

namespace Application.FunctionalTests.Integrations;

/// <summary>
/// The served OpenAPI document is the contract an integrator reads: every operation says whether it takes an API key,
/// and each one that says so really does, with the scope it names, for its own tenant only.
/// </summary>
// Channels' connect and test calls reach the local fake Telegram and Graph servers of this factory.
public sealed class ApiKeyAccessTests(ChannelsApiFactory factory) : IClassFixture<ChannelsApiFactory>
{
    private const string AccessExtension = "x-access";

    public static async Task<CreatedApiKeyDto> CreateKeyAsync(SpaClient owner, params string[] scopes)
    {
        var response = await owner.Http.PostAsJsonAsync("/api/api-keys", new { name = $"CRM {string.Join('+', scopes)}", scopes });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKeyDto>(SpaClient.Json))!;
    }

    private HttpClient Integrator(string key)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return http;
    }

    private sealed record Operation(string Method, string Path, string Access, string? Scope)
    {
        public override string ToString() => $"{Method.ToUpperInvariant()} {Path}";
    }

    private static async Task<List<Operation>> OperationsAsync(HttpClient http)
    {
        var document = JsonNode.Parse(await http.GetStringAsync("/swagger/v1/swagger.json"))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => new Operation(
                operation.Key,
                path.Key,
                operation.Value![AccessExtension]?.GetValue<string>() ?? "unstated",
                operation.Value["x-api-key-scope"]?.GetValue<string>())))
            .ToList();
    }

    [Fact]
    public async Task Every_operation_states_who_may_call_it_and_its_security_schemes_match()
    {
        using var http = factory.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/swagger/v1/swagger.json"))!;

        document["info"]!["description"]!.GetValue<string>().ShouldContain("## Authentication");
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var name = $"{method.ToUpperInvariant()} {path}";
                var schemes = operation!["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).Order().ToList();
                switch (operation[AccessExtension]?.GetValue<string>())
                {
                    case "anonymous":
                        schemes.ShouldBeEmpty(name);
                        break;
                    case "cookie-only":
                        schemes.ShouldBe(["cookie"], name);
                        break;
                    case "key-allowed":
                        schemes.ShouldBe(["apiKey", "cookie"], name);
                        operation["x-api-key-scope"]!.GetValue<string>().ShouldBeOneOf("Read", "Write");
                        break;
                    default:
                        throw new ShouldAssertException($"{name} does not state whether it takes an API key");
                }
            }
        }
    }

    [Fact]
    public async Task The_signed_in_persons_own_operations_and_key_management_stay_cookie_only_while_the_tenants_resources_take_keys()
    {
        using var http = factory.CreateClient();
        var operations = await OperationsAsync(http);

        operations.Where(o => o.Path.StartsWith("/api/account", StringComparison.Ordinal) || o.Path.StartsWith("/api/api-keys", StringComparison.Ordinal)
                || (o.Path.StartsWith("/api/privacy", StringComparison.Ordinal) && o.Access != "anonymous"))
            .ShouldAllBe(o => o.Access == "cookie-only");
        var keyAllowed = operations.Where(o => o.Access == "key-allowed").Select(o => o.ToString()).ToList();
        keyAllowed.ShouldBeSubsetOf(operations.Select(o => o.ToString()));
        string[] expected =
        [
            "GET /api/bots", "POST /api/bots", "GET /api/bots/{id}", "PUT /api/bots/{id}", "DELETE /api/bots/{id}",
            "GET /api/bots/{id}/knowledge", "POST /api/bots/{id}/knowledge", "POST /api/bots/{id}/knowledge/import",
            "GET /api/bots/{id}/knowledge/export", "PUT /api/knowledge/{id}", "DELETE /api/knowledge/{id}",
            "GET /api/bots/{id}/channels", "POST /api/channels/{id}/test", "POST /api/bots/{id}/channels/telegram", "DELETE /api/channels/{id}",
            "GET /api/inbox/conversations", "GET /api/inbox/conversations/{id}", "POST /api/inbox/conversations/{id}/replies",
            "POST /api/inbox/conversations/{id}/hand-back", "POST /api/inbox/conversations/{id}/close",
            "POST /api/inbox/conversations/{id}/reopen", "POST /api/inbox/messages/{id}/retry",
            "GET /api/contacts", "GET /api/contacts/{id}", "PUT /api/contacts/{id}", "GET /api/contacts/{id}/conversations",
            "GET /api/contacts/{id}/export", "DELETE /api/contacts/{id}", "GET /api/team/members", "GET /api/billing", "GET /api/billing/usage", "GET /api/tenant",
            "GET /api/webhook-subscriptions", "POST /api/webhook-subscriptions", "DELETE /api/webhook-subscriptions/{id}",
            "POST /api/webhook-subscriptions/{id}/rotate-secret", "GET /api/webhook-subscriptions/{id}/deliveries",
            "POST /api/webhook-subscriptions/{id}/deliveries/{deliveryId}/redeliver",
        ];
        expected.ShouldBeSubsetOf(keyAllowed);
        operations.Single(o => o.ToString() == "POST /api/channels/{id}/test").Scope.ShouldBe("Read");
        operations.Single(o => o.ToString() == "POST /api/team/invitations").Access.ShouldBe("cookie-only");
        operations.Single(o => o.ToString() == "POST /api/billing/checkout").Access.ShouldBe("cookie-only");
    }

    [Fact]
    public async Task Each_key_allowed_operation_takes_a_key_with_its_scope_refuses_the_other_scope_and_revoked_keys_and_hides_other_tenants_ids()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("integrator@example.uz", "+998901000150");
        var bot = await BotTestData.CreateBotAsync(owner, "Integrator bot", "https://integrator.example.uz");
        var entryId = (await owner.GetAsync<CursorPage<KnowledgeEntryDto>>($"/api/bots/{bot.Id}/knowledge"))!.Items[0].Id;
        // Subscribed before the customer writes, so the message below leaves a delivery to read and redeliver.
        var subscribed = await owner.Http.PostAsJsonAsync("/api/webhook-subscriptions", new { url = "http://127.0.0.1:5999/crm", events = new[] { "message.received" } });
        subscribed.StatusCode.ShouldBe(HttpStatusCode.Created);
        var subscriptionId = (await subscribed.Content.ReadFromJsonAsync<JsonObject>())!["subscription"]!["id"]!.GetValue<Guid>();
        using var customer = factory.CreateClient();
        customer.DefaultRequestHeaders.Add("Origin", "https://integrator.example.uz");
        customer.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var conversationId = (await (await customer.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
        var conversation = (await owner.GetAsync<ConversationDetailDto>($"/api/inbox/conversations/{conversationId}"))!;
        var channelId = await ChannelTestData.ConnectAsync(factory, bot.Id, Channel.Telegram);
        var deliveryId = (await owner.GetAsync<JsonObject>($"/api/webhook-subscriptions/{subscriptionId}/deliveries"))!["items"]![0]!["id"]!.GetValue<Guid>();
        var ids = new Dictionary<string, Guid>
        {
            ["/api/bots/{id}"] = bot.Id,
            ["/api/bots/{id}/pause"] = bot.Id,
            ["/api/bots/{id}/resume"] = bot.Id,
            ["/api/bots/{id}/knowledge"] = bot.Id,
            ["/api/bots/{id}/knowledge/import"] = bot.Id,
            ["/api/bots/{id}/knowledge/export"] = bot.Id,
            ["/api/bots/{id}/playground"] = bot.Id,
            ["/api/bots/{id}/channels"] = bot.Id,
            ["/api/bots/{id}/channels/telegram"] = bot.Id,
            ["/api/bots/{id}/channels/whatsapp"] = bot.Id,
            ["/api/bots/{id}/channels/instagram"] = bot.Id,
            ["/api/knowledge/{id}"] = entryId,
            ["/api/channels/{id}"] = channelId,
            ["/api/channels/{id}/test"] = channelId,
            ["/api/inbox/conversations/{id}"] = conversationId,
            ["/api/inbox/conversations/{id}/messages"] = conversationId,
            ["/api/inbox/conversations/{id}/replies"] = conversationId,
            ["/api/inbox/conversations/{id}/hand-back"] = conversationId,
            ["/api/inbox/conversations/{id}/close"] = conversationId,
            ["/api/inbox/conversations/{id}/reopen"] = conversationId,
            ["/api/inbox/conversations/{id}/read"] = conversationId,
            ["/api/inbox/messages/{id}/retry"] = conversation.Messages[0].Id,
            ["/api/contacts/{id}"] = conversation.Conversation.ContactId,
            ["/api/contacts/{id}/export"] = conversation.Conversation.ContactId,
            ["/api/contacts/{id}/conversations"] = conversation.Conversation.ContactId,
            ["/api/webhook-subscriptions/{id}"] = subscriptionId,
            ["/api/webhook-subscriptions/{id}/rotate-secret"] = subscriptionId,
            ["/api/webhook-subscriptions/{id}/deliveries"] = subscriptionId,
            ["/api/webhook-subscriptions/{id}/deliveries/{deliveryId}/redeliver"] = subscriptionId,
        };
        // Valid bodies, so that an answer other than 2xx comes from the operation itself, not from the input.
        var bodies = new Dictionary<string, object>
        {
            ["post /api/bots"] = new { name = "Second bot" },
            ["put /api/bots/{id}"] = new
            {
                name = "Integrator bot 2", greeting = "Salom!", fallbackMessage = "Bilmayman", languages = new[] { "UzLatn" }, handoffKeywords = new[] { "operator" },
                confidenceThreshold = 0.5, allowedOrigins = new[] { "https://integrator.example.uz" },
            },
            ["post /api/bots/{id}/knowledge"] = new { questions = new[] { "Kafolat bormi?" }, answer = "Ha, bir yil." },
            ["post /api/bots/{id}/knowledge/import"] = new { csv = "questions,answer\nChegirma bormi?,Har juma.\n" },
            ["post /api/bots/{id}/playground"] = new { question = "Yetkazib berish bormi?" },
            ["put /api/knowledge/{id}"] = new { questions = new[] { "Yetkazib berish bormi?" }, answer = "Ha, 1 kunda." },
            ["post /api/inbox/conversations/{id}/replies"] = new { text = "Operator javobi" },
            ["post /api/bots/{id}/channels/telegram"] = new { botToken = FakeTelegramServer.BotToken },
            ["post /api/bots/{id}/channels/whatsapp"] = new { phoneNumberId = "106540352240002", businessAccountId = "102290129340002", accessToken = "EAAGintegrator", appSecret = "integrator-app-secret" },
            ["post /api/bots/{id}/channels/instagram"] = new { accountId = "17841405822300002", accessToken = "IGQintegrator", appSecret = "integrator-app-secret" },
            ["put /api/tenant"] = new { name = "Integrator Market" },
            ["put /api/contacts/{id}"] = new { displayName = "Aziz", notes = "CRM", attributes = new { crmId = "42" } },
            ["put /api/tenant/message-retention"] = new { days = 365 },
        };
        HttpRequestMessage RequestFor(Operation operation, IReadOnlyDictionary<string, Guid> idsByPath)
        {
            var path = idsByPath.TryGetValue(operation.Path, out var id) ? operation.Path.Replace("{id}", id.ToString(), StringComparison.Ordinal) : operation.Path;
            path = path.Replace("{deliveryId}", deliveryId.ToString(), StringComparison.Ordinal);
            var request = new HttpRequestMessage(new HttpMethod(operation.Method.ToUpperInvariant()), path);
            if (operation.Method is "post" or "put" or "patch")
                request.Content = JsonContent.Create(bodies.GetValueOrDefault($"{operation.Method} {operation.Path}", new { }));
            return request;
        }

        var readKey = await CreateKeyAsync(owner, "Read");
        var writeKey = await CreateKeyAsync(owner, "Write");
        using var reader = Integrator(readKey.Key);
        using var writer = Integrator(writeKey.Key);
        var keyAllowed = (await OperationsAsync(reader)).Where(o => o.Access == "key-allowed").ToList();
        keyAllowed.Where(o => o.Path.Contains("{id}", StringComparison.Ordinal)).Select(o => o.Path).ShouldBeSubsetOf(ids.Keys, "give every key-allowed path an id");
        var reads = keyAllowed.Where(o => o.Scope == "Read").ToList();
        var writes = keyAllowed.Where(o => o.Scope == "Write").ToList();

        foreach (var operation in reads)
        {
            using var request = RequestFor(operation, ids);
            using var response = await reader.SendAsync(request);
            ((int)response.StatusCode).ShouldBeInRange(200, 299, $"{operation} with a Read key: {await response.Content.ReadAsStringAsync()}");
        }

        foreach (var operation in writes)
        {
            using var request = RequestFor(operation, ids);
            using var response = await reader.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{operation} with a Read key");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", operation.ToString());
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            problem["requiredScope"]!.GetValue<string>().ShouldBe("Write", operation.ToString());
            problem["detail"]!.GetValue<string>().ShouldContain("Write scope");
            problem.ToJsonString().ShouldNotContain("Exception");
        }

        // Another tenant's key, with every scope, finds none of this tenant's ids.
        using var stranger = new SpaClient(factory);
        await stranger.RegisterVerifiedOwnerAsync("integrator-b@example.uz", "+998901000151");
        using var strangerKey = Integrator((await CreateKeyAsync(stranger, "Read", "Write")).Key);
        foreach (var operation in keyAllowed.Where(o => o.Path.Contains("{id}", StringComparison.Ordinal)))
        {
            using var request = RequestFor(operation, ids);
            using var response = await strangerKey.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{operation} with another tenant's key: {await response.Content.ReadAsStringAsync()}");
        }

        // The Write key is taken by every other operation; deletions last, so the ids stay good until then.
        async Task WriteAsync(Operation operation)
        {
            using var request = RequestFor(operation, ids);
            using var response = await writer.SendAsync(request);
            ((int)response.StatusCode is 401 or 403 or >= 500).ShouldBeFalse($"{operation} with a Write key: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        foreach (var operation in writes.Where(o => o.Method != "delete"))
            await WriteAsync(operation);
        var replies = await factory.QueryDatabaseAsync(db => db.Messages.IgnoreQueryFilters()
            .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Agent).Select(m => m.Text).ToListAsync());
        replies.ShouldBe(["Operator javobi"]);
        (await owner.GetAsync<BotDto>($"/api/bots/{bot.Id}"))!.Name.ShouldBe("Integrator bot 2");
        foreach (var operation in writes.Where(o => o.Method == "delete").OrderBy(o => o.Path == "/api/bots/{id}"))
            await WriteAsync(operation);
        (await owner.Http.GetAsync($"/api/bots/{bot.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await owner.Http.DeleteAsync($"/api/api-keys/{readKey.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var operation in reads)
        {
            using var request = RequestFor(operation, ids);
            using var response = await reader.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{operation} with a revoked key");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", operation.ToString());
        }
    }

    [Fact]
    public async Task A_key_on_a_cookie_only_operation_is_told_to_sign_in_without_internal_names()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("integrator-c@example.uz", "+998901000152");
        using var integrator = Integrator((await CreateKeyAsync(owner, "Read", "Write")).Key);

        using var response = await integrator.GetAsync("/api/api-keys");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["detail"]!.GetValue<string>().ShouldContain("sign in");
        problem.ToJsonString().ShouldNotContain("VirtuOps.");
        problem.ToJsonString().ShouldNotContain("Exception");
    }
}
