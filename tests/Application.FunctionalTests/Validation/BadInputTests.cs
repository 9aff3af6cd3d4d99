using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Application.FunctionalTests.Bots;
using Microsoft.AspNetCore.Hosting;
using VirtuOps.Application.Common.Models;
using VirtuOps.Application.Knowledge.Common;
using VirtuOps.Application.Widget.Commands.SendWidgetMessage;
using VirtuOps.WebApi.Infrastructure;

namespace Application.FunctionalTests.Validation;

/// <summary>The app with limits a walk over the whole API does not reach, so every request gets as far as its input lets it.</summary>
public sealed class HighRateLimitsApiFactory : VirtuOpsApiFactory
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        foreach (var limit in typeof(RateLimitOptions).GetProperties().Where(p => p.PropertyType == typeof(int)))
            builder.UseSetting($"{RateLimitOptions.SectionName}:{limit.Name}", "100000");
    }
}

/// <summary>
/// Walks the OpenAPI document the app serves and sends every operation with a JSON body what careless and hostile
/// clients send: null for each required property, no body, wrong JSON types, 100 kB strings and unknown enum values,
/// each into an otherwise valid body. The answer is always a 4xx problem details; a 5xx means bad input reached code
/// that trusted it.
/// </summary>
public sealed partial class BadInputTests(HighRateLimitsApiFactory factory) : IClassFixture<HighRateLimitsApiFactory>
{
    private const string UnknownEnumValue = "NoSuchValue";

    private static readonly string HundredKilobytes = new('a', 100_000);

    // Exception types, the app's namespaces, and the framework's binding messages, which quote the handler's parameter.
    [GeneratedRegex(@"Exception|VirtuOps\.|parameter \\""")]
    private static partial Regex InternalName();

    [Fact]
    public async Task Every_operation_with_a_body_answers_bad_input_with_a_4xx_problem_never_a_5xx()
    {
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("bad-input@example.uz", "+998901000050");
        var bot = await BotTestData.CreateBotAsync(owner, "Bad input bot", "https://shop.example.uz");
        var entryId = (await owner.GetAsync<CursorPage<KnowledgeEntryDto>>($"/api/bots/{bot.Id}/knowledge"))!.Items[0].Id;
        using var visitor = factory.CreateClient();
        visitor.DefaultRequestHeaders.Add("Origin", "https://shop.example.uz");
        visitor.DefaultRequestHeaders.Add("X-Visitor-Id", Guid.NewGuid().ToString());
        var conversationId = (await (await visitor.PostAsJsonAsync($"/api/widget/{bot.WidgetKey}/messages", new { text = "Salom" }))
            .Content.ReadFromJsonAsync<WidgetReplyDto>(SpaClient.Json))!.ConversationId;
        var legal = (await owner.GetAsync<SpaClient.LegalVersions>("/api/auth/legal-documents"))!;
        using var anonymous = new SpaClient(factory);

        // Values that pass validation, so that each request is wrong in the one property it is about.
        var validStrings = new Dictionary<string, string>
        {
            ["email"] = "someone@example.uz",
            ["newEmail"] = "someone@example.uz",
            ["password"] = SpaClient.StrongPassword,
            ["newPassword"] = SpaClient.StrongPassword,
            ["phoneNumber"] = "+998901000059",
            ["code"] = "123456",
            ["botToken"] = "7300000009:AAHbadInputTokenForValidationTests_a",
            ["phoneNumberId"] = "106540352240009",
            ["businessAccountId"] = "102290129340009",
            ["accountId"] = "17841405822300009",
            ["allowedOrigins"] = "https://shop.example.uz",
            ["planCode"] = "start",
            ["csv"] = "questions,answer\nSavol?,Javob\n",
            ["acceptedPrivacyPolicyVersion"] = legal.PrivacyPolicyVersion,
            ["acceptedPublicOfferVersion"] = legal.PublicOfferVersion,
        };
        var pathIds = new Dictionary<string, string>
        {
            ["bots"] = bot.Id.ToString(),
            ["knowledge"] = entryId.ToString(),
            ["inbox"] = conversationId.ToString(),
        };

        var document = JsonNode.Parse(await owner.Http.GetStringAsync("/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!;
        JsonNode Resolve(JsonNode schema) => schema["$ref"] is { } reference ? schemas[reference.GetValue<string>().Split('/')[^1]]! : schema;

        JsonNode? Sample(JsonNode schema, string name) => (string?)schema["type"] switch
        {
            _ when schema["enum"] is JsonArray values => values[0]!.DeepClone(),
            "object" when schema["properties"] is JsonObject properties => new JsonObject(properties
                .Select(p => KeyValuePair.Create(p.Key, Sample(Resolve(p.Value!), p.Key)))),
            // A dictionary (a contact's custom attributes): one entry of its value type.
            "object" when schema["additionalProperties"] is JsonObject values => new JsonObject { ["key"] = Sample(Resolve(values), "key") },
            "object" => new JsonObject(),
            "array" => new JsonArray(Sample(Resolve(schema["items"]!), name)),
            "boolean" => true,
            "integer" => 1,
            "number" => 0.5,
            "string" when (string?)schema["format"] == "uuid" => Guid.NewGuid().ToString(),
            _ => validStrings.GetValueOrDefault(name, "Salom"),
        };

        // Each bad body: a name for the failure message and the JSON text (null: no body at all).
        IEnumerable<(string Variant, string? Json)> BadBodies(JsonObject schema)
        {
            var valid = (JsonObject)Sample(schema, "")!;
            string With(string property, JsonNode? value)
            {
                var body = valid.DeepClone().AsObject();
                body[property] = value;
                return body.ToJsonString();
            }

            yield return ("no body", null);
            yield return ("an empty body", "");
            yield return ("a null body", "null");
            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                yield return ($"null {required}", With(required, null));
            foreach (var (property, propertySchema) in schema["properties"]!.AsObject())
            {
                var type = Resolve(propertySchema!);
                var items = type["items"] is { } itemSchema ? Resolve(itemSchema) : null;
                yield return ($"{property} of the wrong type", With(property, (string?)type["type"] == "string" ? 42 : "Salom"));
                if (items is not null)
                    yield return ($"{property} with a null item", With(property, new JsonArray((JsonNode?)null)));
                if (type["enum"] is not null)
                    yield return ($"an unknown {property}", With(property, UnknownEnumValue));
                else if (items?["enum"] is not null)
                    yield return ($"an unknown {property} item", With(property, new JsonArray(UnknownEnumValue)));
                else if ((string?)type["type"] == "string")
                    yield return ($"{property} of 100 kB", With(property, HundredKilobytes));
                else if ((string?)items?["type"] == "string")
                    yield return ($"{property} with an item of 100 kB", With(property, new JsonArray(HundredKilobytes)));
            }
        }

        var walked = new List<string>();
        var answers = new List<(string Request, int Status, string? MediaType, string Body)>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            var section = path.Split('/')[2];
            var url = path.Replace("{widgetKey}", bot.WidgetKey, StringComparison.Ordinal)
                .Replace("{id}", pathIds.GetValueOrDefault(section, Guid.NewGuid().ToString()), StringComparison.Ordinal);
            foreach (var (method, operation) in operations!.AsObject())
            {
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema)
                    continue;
                walked.Add($"{method.ToUpperInvariant()} {path}");
                var headers = operation["parameters"]?.AsArray().Where(p => (string?)p!["in"] == "header").Select(p => (string)p!["name"]!) ?? [];
                foreach (var (variant, json) in BadBodies(Resolve(bodySchema).AsObject()))
                {
                    foreach (var (caller, client) in new[] { ("owner", owner), ("anonymous", anonymous) })
                    {
                        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                        foreach (var header in headers)
                            request.Headers.TryAddWithoutValidation(header, Guid.NewGuid().ToString()); // also a malformed If-Match: a 4xx, never a 5xx
                        if (json is not null)
                            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
                        using var response = await client.Http.SendAsync(request);
                        answers.Add(($"{caller} {method.ToUpperInvariant()} {path} with {variant}", (int)response.StatusCode,
                            response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync()));
                    }
                }
            }
        }

        walked.ShouldContain("POST /api/auth/register");
        walked.ShouldContain("PUT /api/bots/{id}");
        // A 429 would hide what the request does: the factory's limits are meant to be out of reach.
        answers.Where(a => a.Status is < 400 or >= 500 or 429 || a.MediaType != "application/problem+json")
            .Select(a => $"{a.Request}: {a.Status} {a.MediaType}").ShouldBeEmpty();
        answers.Where(a => InternalName().IsMatch(a.Body)).Select(a => $"{a.Request}: {a.Body}").ShouldBeEmpty();
        // Routing matches on the content type, so a request without a body must not look like an unknown path (404).
        answers.Where(a => a.Request.EndsWith(" with no body", StringComparison.Ordinal) && a.Status != 415)
            .Select(a => $"{a.Request}: {a.Status}").ShouldBeEmpty();
    }
}
