using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Application.FunctionalTests.SystemStatus;

public sealed class OpenApiTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Swagger_ui_is_served()
    {
        var response = await _client.GetAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
    }

    [Fact]
    public async Task The_committed_openapi_document_is_the_one_the_app_serves()
    {
        // The TypeScript client is generated from the committed file, so it must describe the running API exactly.
        var served = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"));
        var committedPath = Path.Combine(SolutionDirectory(), "WebApi", "openapi", "virtuops-api.json");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath));

        JsonNode.DeepEquals(served, committed).ShouldBeTrue("Rebuild WebApi to regenerate openapi/virtuops-api.json and the TypeScript client");
        served!["paths"]!["/api/system/status"]!["get"]!["operationId"]!.GetValue<string>().ShouldBe("GetSystemStatus");
    }

    [Fact]
    public async Task The_request_examples_of_the_main_operations_are_accepted_as_written()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"))!;
        StringContent Example(string path, string method) => new(
            document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["example"]!.ToJsonString(), Encoding.UTF8, "application/json");
        using var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync("openapi-examples@example.uz", "+998901900001");

        var created = await owner.Http.PostAsync("/api/bots", Example("/api/bots", "post"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var botId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await owner.Http.PutAsync($"/api/bots/{botId}", Example("/api/bots/{id}", "put"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.PostAsync($"/api/bots/{botId}/knowledge", Example("/api/bots/{id}/knowledge", "post"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await owner.Http.PostAsync($"/api/bots/{botId}/knowledge/import", Example("/api/bots/{id}/knowledge/import", "post"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.PostAsync($"/api/bots/{botId}/playground", Example("/api/bots/{id}/playground", "post"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.PostAsync("/api/api-keys", Example("/api/api-keys", "post"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        document["paths"]!["/api/inbox/conversations/{id}/replies"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!["text"].ShouldNotBeNull();
        document["paths"]!["/api/webhook-subscriptions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!["events"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Every_json_request_body_and_success_response_has_an_example_and_the_description_explains_authentication()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var bodies = operation!["requestBody"]?["content"]?.AsObject().Select(c => ("request", c.Key, c.Value)) ?? [];
                var responses = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2'))
                    .SelectMany(r => r.Value!["content"]?.AsObject().Select(c => ($"{r.Key} response", c.Key, c.Value)) ?? []);
                foreach (var (what, mediaType, media) in bodies.Concat(responses))
                    if (mediaType.Contains("json") && media!["example"] is null)
                        missing.Add($"{method.ToUpperInvariant()} {path} {what} ({mediaType})");
            }
        }

        missing.ShouldBeEmpty();
        document["info"]!["description"]!.GetValue<string>().ShouldContain("## Authentication");
        var page = document["paths"]!["/api/contacts"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["example"]!;
        page["items"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldNotBeEmpty();
    }

    private static string SolutionDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CleanArch.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("CleanArch.sln not found above the test output.");
    }
}
