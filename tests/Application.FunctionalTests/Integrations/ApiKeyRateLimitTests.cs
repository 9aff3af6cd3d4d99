using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using VirtuOps.WebApi.Infrastructure;

namespace Application.FunctionalTests.Integrations;

/// <summary>The trial's plan (Biznes) allows 5 requests per key per minute here.</summary>
public sealed class ApiKeyRateLimitApiFactory : VirtuOpsApiFactory
{
    public const int BiznesLimit = 5;

    protected override void ConfigureSettings(IWebHostBuilder builder) =>
        builder.UseSetting("Billing:Plans:1:ApiRequestsPerMinute", BiznesLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>An integrator's key is limited per minute by its tenant's plan, and every answer says how much is left.</summary>
public sealed class ApiKeyRateLimitTests(ApiKeyRateLimitApiFactory factory) : IClassFixture<ApiKeyRateLimitApiFactory>
{
    private const int Limit = ApiKeyRateLimitApiFactory.BiznesLimit;

    private async Task<(SpaClient Owner, HttpClient Integrator)> IntegratorAsync(string email, string phone)
    {
        var owner = new SpaClient(factory);
        await owner.RegisterVerifiedOwnerAsync(email, phone);
        return (owner, await KeyClientAsync(owner));
    }

    private async Task<HttpClient> KeyClientAsync(SpaClient owner)
    {
        var key = await ApiKeyAccessTests.CreateKeyAsync(owner, "Read", "Write");
        var integrator = factory.CreateClient();
        integrator.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        return integrator;
    }

    /// <summary>Moves the clock to <paramref name="intoWindow"/> after the start of the next minute's window.</summary>
    private void StartNewWindow(TimeSpan intoWindow)
    {
        var window = ApiKeyRateLimiter.Window.Ticks;
        factory.Time.Advance(TimeSpan.FromTicks(window - factory.Time.GetUtcNow().UtcTicks % window) + intoWindow);
    }

    private static string Header(HttpResponseMessage response, string name) => string.Join(",", response.Headers.GetValues(name));

    [Fact]
    public async Task Of_requests_sent_at_once_exactly_the_plans_limit_succeed_and_the_rest_get_429_with_retry_after()
    {
        var (owner, integrator) = await IntegratorAsync("limit-burst@example.uz", "+998901700001");
        using var _ = owner;
        StartNewWindow(TimeSpan.FromSeconds(10));

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/bots");
            request.Headers.AcceptLanguage.ParseAdd("ru");
            return integrator.SendAsync(request);
        }));

        var allowed = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        allowed.Count.ShouldBe(Limit);
        refused.Count.ShouldBe(12 - Limit);
        allowed.Select(r => Header(r, "RateLimit-Remaining")).Order().ShouldBe(["0", "1", "2", "3", "4"]);
        allowed.ShouldAllBe(r => Header(r, "RateLimit-Limit") == "5" && Header(r, "RateLimit-Reset") == "50");
        foreach (var response in refused)
        {
            Header(response, "Retry-After").ShouldBe("50");
            Header(response, "RateLimit-Remaining").ShouldBe("0");
            var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
            problem.Status.ShouldBe(429);
            problem.Title.ShouldBe("Слишком много запросов.");
        }

        // The next window gives the key its allowance again.
        factory.Time.Advance(TimeSpan.FromSeconds(50));
        var next = await integrator.GetAsync("/api/bots");
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(next, "RateLimit-Remaining").ShouldBe("4");
        Header(next, "RateLimit-Reset").ShouldBe("60");
    }

    [Fact]
    public async Task Each_key_has_its_own_allowance_and_the_signed_in_owner_is_not_counted()
    {
        var (owner, first) = await IntegratorAsync("limit-keys@example.uz", "+998901700002");
        using var _ = owner;
        var second = await KeyClientAsync(owner);
        StartNewWindow(TimeSpan.Zero);
        for (var i = 0; i < Limit; i++)
            (await first.GetAsync("/api/bots")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var firstAgain = await first.GetAsync("/api/bots");
        var secondsFirst = await second.GetAsync("/api/bots");
        var cookie = await owner.Http.GetAsync("/api/bots");

        firstAgain.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await firstAgain.Content.ReadFromJsonAsync<ProblemDetails>())!.Title.ShouldBe("Too many requests.");
        secondsFirst.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(secondsFirst, "RateLimit-Remaining").ShouldBe("4");
        cookie.StatusCode.ShouldBe(HttpStatusCode.OK);
        cookie.Headers.Contains("RateLimit-Limit").ShouldBeFalse();
    }
}
