using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Application.FunctionalTests.Hosting;

/// <summary>An integrator quotes one id to support: the one they sent, or the one every answer of ours carries.</summary>
public sealed class RequestIdTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? requestId)
    {
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (requestId is not null)
            request.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task The_callers_request_id_comes_back_on_success_and_in_problem_details()
    {
        using var ok = await GetAsync("/health/live", "crm-7f3a:42");
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        ok.Headers.GetValues("X-Request-Id").ShouldBe(["crm-7f3a:42"]);

        using var unauthorized = await GetAsync("/api/contacts", "crm-7f3a:43");
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unauthorized.Headers.GetValues("X-Request-Id").ShouldBe(["crm-7f3a:43"]);
        (await unauthorized.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>().ShouldBe("crm-7f3a:43");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("has spaces and <markup>")]
    [InlineData("a-65-character-id-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Without_a_safe_id_the_answer_carries_the_servers_own_in_the_header_and_the_problem(string? requested)
    {
        using var notFound = await GetAsync("/api/no-such-thing", requested);

        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var echoed = notFound.Headers.GetValues("X-Request-Id").ShouldHaveSingleItem();
        echoed.ShouldNotBeNullOrWhiteSpace();
        echoed.ShouldNotBe(requested);
        (await notFound.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>().ShouldBe(echoed);
    }
}
