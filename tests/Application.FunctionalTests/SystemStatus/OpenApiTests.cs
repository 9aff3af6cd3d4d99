using System.Net;
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

    private static string SolutionDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CleanArch.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("CleanArch.sln not found above the test output.");
    }
}
