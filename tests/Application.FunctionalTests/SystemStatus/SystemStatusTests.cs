using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtuOps.Application.SystemStatus.Queries.GetSystemStatus;
using VirtuOps.Infrastructure.Data;

namespace Application.FunctionalTests.SystemStatus;

public sealed class SystemStatusTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Anonymous_callers_get_a_bare_liveness_answer_without_version_environment_database_or_tenants()
    {
        var response = await _client.GetAsync("/api/system/status");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body.Select(p => p.Key).Order().ShouldBe(["applicationName", "databaseHealthy", "details", "hasDevOutbox", "serverTimeUtc"]);
        body["details"].ShouldBeNull();
        var raw = await response.Content.ReadAsStringAsync();
        raw.ShouldNotContain("Development");
        raw.ShouldNotContain("Sqlite");
    }

    [Fact]
    public async Task A_tenant_owner_gets_no_details_either()
    {
        using var owner = new SpaClient(factory);
        (await owner.SignInAsync(DemoDataSeeder.DemoOwnerEmail, DemoDataSeeder.DemoPassword)).EnsureSuccessStatusCode();

        var status = await owner.GetAsync<SystemStatusDto>("/api/system/status");

        status!.Details.ShouldBeNull();
    }

    [Fact]
    public async Task Platform_staff_see_the_embedded_database_the_version_and_the_seeded_tenants()
    {
        using var admin = new SpaClient(factory);
        (await admin.SignInAsync(DemoDataSeeder.DemoAdminEmail, DemoDataSeeder.DemoPassword)).EnsureSuccessStatusCode();
        (await admin.Http.PostAsJsonAsync("/api/auth/sign-in/code", new { code = await admin.LatestCodeAsync("+998901112233") })).EnsureSuccessStatusCode();

        var status = await admin.GetAsync<SystemStatusDto>("/api/system/status");

        status.ShouldNotBeNull();
        status.ApplicationName.ShouldBe("VirtuOps");
        status.DatabaseHealthy.ShouldBeTrue();
        status.HasDevOutbox.ShouldBeTrue();
        var details = status.Details.ShouldNotBeNull();
        details.Environment.ShouldBe("Development");
        details.DatabaseProvider.ShouldBe("Sqlite");
        details.TenantCount.ShouldBe(DemoDataSeeder.GeneratedTenantCount + 1);
        details.Version.ShouldMatch(@"^\d+\.\d+\.\d+");
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
