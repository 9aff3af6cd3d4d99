using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Application.FunctionalTests.DemoRequests;

public sealed class CreateDemoRequestTests(VirtuOpsApiFactory factory) : IClassFixture<VirtuOpsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<int> CountRequestsFrom(string email) =>
        factory.QueryDatabaseAsync(db => db.DemoRequests.CountAsync(r => r.Email == email));

    [Fact]
    public async Task A_valid_request_is_stored_and_its_id_returned()
    {
        var response = await _client.PostAsJsonAsync("/api/demo-requests", new
        {
            fullName = "Dilnoza Yusupova",
            email = "Dilnoza@Example.UZ",
            companyName = "Gulzor Kafe",
            phoneNumber = "+998 90 123 45 67",
            message = "Instagram uchun bot kerak",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await response.Content.ReadFromJsonAsync<Guid>();
        response.Headers.Location?.ToString().ShouldBe($"/api/demo-requests/{id}");
        var stored = await factory.QueryDatabaseAsync(db => db.DemoRequests.SingleAsync(r => r.Id == id));
        stored.Email.ShouldBe("dilnoza@example.uz");
        stored.CompanyName.ShouldBe("Gulzor Kafe");
        stored.Created.ShouldNotBe(default);
    }

    [Fact]
    public async Task An_invalid_request_gets_a_400_problem_listing_each_field_and_stores_nothing()
    {
        var response = await _client.PostAsJsonAsync("/api/demo-requests", new
        {
            fullName = "",
            email = "bad-invalid-address",
            companyName = "",
            phoneNumber = "call me",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        problem.ShouldNotBeNull();
        problem.Status.ShouldBe(400);
        problem.Errors.Keys.ShouldBe(["fullName", "email", "companyName", "phoneNumber"], ignoreOrder: true);
        problem.Extensions.ShouldContainKey("traceId");
        (await CountRequestsFrom("bad-invalid-address")).ShouldBe(0);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_400_problem()
    {
        var response = await _client.PostAsync("/api/demo-requests",
            new StringContent("{ \"fullName\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Listing_demo_requests_requires_platform_staff()
    {
        var response = await _client.GetAsync("/api/demo-requests");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
