using System.Net;
using System.Net.Http.Json;
using VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.SystemStatus;

public sealed class SystemStatusTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_status_reports_the_embedded_database_and_the_seeded_tenants()
    {
        var status = await _client.GetFromJsonAsync<SystemStatusDto>("/api/system/status");

        status.ShouldNotBeNull();
        status.ApplicationName.ShouldBe("VirtuOps");
        status.Environment.ShouldBe("Development");
        status.DatabaseProvider.ShouldBe("Sqlite");
        status.DatabaseHealthy.ShouldBeTrue();
        status.TenantCount.ShouldBe(DemoDataSeeder.GeneratedTenantCount + 1);
        status.Version.ShouldMatch(@"^\d+\.\d+\.\d+");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_the_spa()
    {
        var response = await _client.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
